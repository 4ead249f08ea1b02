package io.songnodes.tools.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TracklistFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog built from the kit's 1001tracklists exports holds exactly the identified tracks, with their ids. */
class CatalogBuilderTest {
    private static final Path DIR = TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer");

    @Test
    void everyIdentifiedRowBecomesOneTrackWithItsIds() {
        List<CatalogTrack> catalog = CatalogBuilder.from1001Dir(DIR);
        Set<String> expected = new LinkedHashSet<>();
        for (TracklistFixtures.Row r : TracklistFixtures.all1001()) {
            if (r.spotifyId() != null || r.beatportId() != null) expected.add(r.spotifyId() + "|" + r.beatportId());
        }
        List<String> actual = catalog.stream().map(t -> t.id("spotify") + "|" + t.id("beatport")).toList();
        assertThat(actual).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void mashupParentsAreLeftOut() {
        List<CatalogTrack> catalog = CatalogBuilder.from1001Dir(DIR);
        List<String> parents = TracklistFixtures.all1001().stream().filter(TracklistFixtures.Row::mashup)
                .map(r -> r.bronze().title()).toList();
        assertThat(parents).isNotEmpty();
        assertThat(catalog).noneMatch(t -> parents.contains(t.fullTitle()));
    }

    @Test
    void theFirstRowMatchesTheContractExample() {
        CatalogTrack t = CatalogBuilder.from1001Dir(DIR).get(0);
        assertThat(t.artist()).isEqualTo("Cosmic Gate");
        assertThat(t.title()).isEqualTo("Come With Me");
        assertThat(t.version()).isNull();
        assertThat(t.durationMs()).isEqualTo(545377);
        assertThat(t.bpm()).isEqualTo(127.995);
        assertThat(t.key()).isEqualTo(7);
        assertThat(t.mode()).isZero();
        assertThat(t.genres()).contains("trance");
        assertThat(t.ids()).containsEntry("spotify", "1honw3D3A6aQou1T76mAbr").containsEntry("beatport", "12069065")
                .containsEntry("deezer", null).containsEntry("musicbrainz", null).containsEntry("discogs", null);
    }

    @Test
    void versionsAreSplitButTitleBracketsStay() {
        List<CatalogTrack> catalog = CatalogBuilder.from1001Dir(DIR);
        CatalogTrack remix = catalog.stream().filter(t -> t.title().equals("Consciousness")).findFirst().orElseThrow();
        assertThat(remix.version()).isEqualTo("Genix Remix / Cosmic Gate Edit");
        CatalogTrack rise = catalog.stream().filter(t -> t.artist().equals("Tom & Jame")).findFirst().orElseThrow();
        assertThat(rise.title()).isEqualTo("Rise (Like A Thousand Suns)");
        assertThat(rise.version()).isNull();
        CatalogTrack instrumental = catalog.stream().filter(t -> "9575451".equals(t.id("beatport"))).findFirst().orElseThrow();
        assertThat(instrumental.version()).isEqualTo("Instrumental Mix");
        assertThat(instrumental.id("spotify")).isNull();
    }

    @Test
    void writtenCatalogLoadsBackEqual(@TempDir Path tmp) {
        List<CatalogTrack> tracks = CatalogBuilder.from1001Dir(DIR);
        Path file = tmp.resolve("catalog.jsonl");
        Catalog.write(tracks, file);
        assertThat(Catalog.load(file).tracks()).isEqualTo(tracks);
    }

    @Test
    void badInputFailsWithAClearMessage(@TempDir Path tmp) throws Exception {
        assertThatThrownBy(() -> CatalogBuilder.from1001Dir(tmp)).hasMessageContaining("no .csv files");
        Files.writeString(tmp.resolve("x.csv"), "a,b\n1,2\n");
        assertThatThrownBy(() -> CatalogBuilder.from1001Dir(tmp)).hasMessageContaining("no 'name' column");
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"artist\":\"A\",\"title\":\"T\"}\n{\"artist\":\"\",\"title\":\"T\"}\n");
        assertThatThrownBy(() -> Catalog.load(bad)).hasMessageContaining("line 2").hasMessageContaining("'artist'");
    }
}
