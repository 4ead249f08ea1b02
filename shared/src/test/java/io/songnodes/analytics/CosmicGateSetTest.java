package io.songnodes.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.songnodes.testing.TracklistFixtures;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Set analytics on the kit's Cosmic Gate set (ASOT stage, Tomorrowland 2019-07-28): 11 numbered tracks,
 * position 9 is a mashup row plus its two parts. Expected values were worked out by hand from the CSV
 * (tempo, key/mode, energy, genres) with the formulas of the issue, not by running this code.
 */
class CosmicGateSetTest {
    private static KitSilver kit;
    private static SilverSnapshot silver;
    private static PlaylistFacts set;

    @BeforeAll
    static void load() {
        kit = KitSilver.of1001(TracklistFixtures.files1001().get(0));
        silver = kit.snapshot();
        set = silver.playlists().values().iterator().next();
    }

    @Test
    void theSetIsParsedAsThirteenRowsOnElevenPositions() {
        assertThat(silver.playlists()).hasSize(1);
        assertThat(set.entries()).hasSize(13);
        assertThat(set.byPosition()).hasSize(11);
        assertThat(set.byPosition().get(9)).hasSize(3);
        assertThat(set.date()).isEqualTo(LocalDate.of(2019, 7, 28));
    }

    @Test
    void transitionsFollowPositionsAndCrossTheMashupGroup() {
        List<Transitions.Occurrence> t = Transitions.of(set, silver.tracks());
        // 1->2 ... 7->8 (7), 8 -> each of the 3 rows at 9, each of them -> 10, 10 -> 11
        assertThat(t).hasSize(14);
        String lizard = kit.idOf("Lizard");
        assertThat(t.stream().filter(o -> o.fromTrackId().equals(lizard)).map(o -> o.toTrackId()))
                .containsExactlyInAnyOrder(kit.idOf("Exploration Of Outer Space"), kit.idOf("Out Of Space"), kit.idOf("Exploration Of Space ("));
        assertThat(t).allSatisfy(o -> assertThat(o.fromTrackId()).isNotEqualTo(o.toTrackId()));
    }

    @Test
    void transitionRowsCarryDeltasAndQuality() {
        Map<String, TrackFacts> tracks = silver.tracks();
        TrackFacts come = tracks.get(kit.idOf("Come With Me"));
        TrackFacts light = tracks.get(kit.idOf("Light Years"));
        Rows.Transition r = Transitions.aggregate(come, light, Transitions.of(set, tracks).stream()
                .filter(o -> o.fromTrackId().equals(come.trackId())).toList());
        assertThat(r.fromCamelot()).isEqualTo("6A");   // G minor
        assertThat(r.toCamelot()).isEqualTo("9A");     // E minor
        assertThat(r.keyDistance()).isEqualTo(3);
        assertThat(r.keyCompatibility()).isEqualTo(0.3);
        assertThat(r.bpmDelta()).isCloseTo(0.015, within(1e-9));
        assertThat(r.energyDelta()).isCloseTo(0.146, within(1e-9));
        assertThat(r.transitionQuality()).isCloseTo(0.25600785, within(1e-8)); // 0.99925 * 0.3 * 0.854
        assertThat(r.setCount()).isEqualTo(1);
        assertThat(r.playlistIds()).containsExactly(set.playlistId());
        assertThat(r.firstSeen()).isEqualTo(LocalDate.of(2019, 7, 28));

        // Lizard (9A, 129.979, 0.757) -> Exploration Of Space remix (9B, 132.013, 0.931): relative key
        Rows.Transition rel = Transitions.aggregate(tracks.get(kit.idOf("Lizard")), tracks.get(kit.idOf("Exploration Of Space (")), List.of());
        assertThat(rel.keyCompatibility()).isEqualTo(0.85);
        assertThat(rel.transitionQuality()).isCloseTo((1 - 2.034 / 20) * 0.85 * (1 - 0.174), within(1e-9)); // 0.630696
    }

    @Test
    void playlistAnalyticsMatchTheHandComputedValues() {
        Rows.PlaylistAnalytics a = PlaylistAnalyzer.analyze(set, silver.tracks(), Transitions.of(set, silver.tracks()));
        assertThat(a.trackCount()).isEqualTo(13);
        assertThat(a.identifiedCount()).isEqualTo(13);
        assertThat(a.identificationRate()).isEqualTo(1.0);
        // 12 rows have a tempo (the mashup row has none): sum 1566.771 / 12
        assertThat(a.avgBpm()).isCloseTo(130.56425, within(1e-9));
        assertThat(a.avgEnergy()).isCloseTo(10.06 / 12, within(1e-9));
        assertThat(a.energyCurve()).hasSize(11);
        assertThat(a.energyCurve().get(0)).isEqualTo(0.753);
        assertThat(a.energyCurve().get(8)).isCloseTo((0.872 + 0.931) / 2, within(1e-12)); // position 9: the two parts
        assertThat(a.energyCurve().get(10)).isEqualTo(0.914);
        assertThat(a.transitionCount()).isEqualTo(14);
        // every transition changes key except the two into and out of the keyless mashup row
        assertThat(a.keyChanges()).isEqualTo(12);
        // mean of the 14 qualities: .256008 .5064 .248527 .285571 .229724 .220269 .282775 .125 .038272 .630696 .125 .037056 .233962 .45963
        assertThat(a.harmonicFlowScore()).isCloseTo(0.262777837, within(1e-8));
        assertThat(a.genreDistribution()).hasSize(15);
        assertThat(a.genreDistribution().get("trance")).isCloseTo(11.0 / 12, within(1e-12));
        assertThat(a.genreDistribution().get("progressive house")).isCloseTo(10.0 / 12, within(1e-12));
        assertThat(a.genreDistribution().get("big beat")).isCloseTo(1.0 / 12, within(1e-12));
        assertThat(a.trackIds()).hasSize(13);
    }

    @Test
    void trackAndArtistAnalytics() {
        Map<GoldTable, List<GoldRow>> gold = GoldCalculator.compute(silver, GoldScope.everything());
        Rows.TrackAnalytics come = gold.get(GoldTable.TRACK_ANALYTICS).stream().map(Rows.TrackAnalytics.class::cast)
                .filter(r -> r.title().equals("Come With Me")).findFirst().orElseThrow();
        assertThat(come.camelotKey()).isEqualTo("6A");
        assertThat(come.keyName()).isEqualTo("G minor");
        assertThat(come.compatibleKeys()).containsExactly("6A", "5A", "7A", "6B");
        assertThat(come.keyFamily()).isEqualTo("6: A# major / G minor");
        assertThat(come.appearances()).isEqualTo(1);
        assertThat(come.firstPlayed()).isEqualTo(LocalDate.of(2019, 7, 28));
        // spotify + beatport of 6 ids; bpm, key, energy of 5 audio fields; genres + duration of 4 metadata fields
        assertThat(come.completeness().overall()).isCloseTo(7.0 / 15, within(1e-12));

        Rows.ArtistAnalytics cg = artist(gold, "cosmic gate");
        // own tracks: Come With Me, Light Years, Need To Feel Loved, Consciousness, Fall Into You, The Wave 2.0,
        // the mashup (Cosmic Gate vs. Prodigy), Exploration Of Space, am2pm; remixes credit the original artist only
        assertThat(cg.trackCount()).isEqualTo(9);
        assertThat(cg.appearances()).isEqualTo(9);
        assertThat(cg.setCount()).isEqualTo(1);
        assertThat(cg.djSetCount()).isEqualTo(1);
        assertThat(cg.topGenres()).containsExactly("trance", "progressive house", "uplifting trance", "edm", "progressive trance");
        assertThat(cg.firstSeen()).isEqualTo(LocalDate.of(2019, 7, 28));
        assertThat(artist(gold, "prodigy").trackCount()).isEqualTo(2); // "The Prodigy" and "Prodigy" are one artist
        assertThat(artist(gold, "prodigy").djSetCount()).isZero();

        assertThat(gold.get(GoldTable.TRACK_TRANSITIONS)).hasSize(14);
    }

    private static Rows.ArtistAnalytics artist(Map<GoldTable, List<GoldRow>> gold, String name) {
        return gold.get(GoldTable.ARTIST_ANALYTICS).stream().map(Rows.ArtistAnalytics.class::cast)
                .filter(r -> r.artist().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }
}
