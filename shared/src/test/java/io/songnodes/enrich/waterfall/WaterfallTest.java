package io.songnodes.enrich.waterfall;

import static io.songnodes.enrich.ProviderName.BEATPORT;
import static io.songnodes.enrich.ProviderName.DEEZER;
import static io.songnodes.enrich.ProviderName.DISCOGS;
import static io.songnodes.enrich.ProviderName.LASTFM;
import static io.songnodes.enrich.ProviderName.MUSICBRAINZ;
import static io.songnodes.enrich.ProviderName.SPOTIFY;
import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeValidator;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.scoring.CandidateBuilder;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.ErrorType;
import io.songnodes.model.FieldValue;
import io.songnodes.model.Hints;
import io.songnodes.model.SilverTrack;
import io.songnodes.testing.TracklistFixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaterfallTest {
    static final String CONTRACT_YAML = """
            fields:
              bpm:      { providers: [beatport, deezer, spotify], min_confidence: 0.80 }
              key:      { providers: [beatport, spotify], min_confidence: 0.80 }
              isrc:     { providers: [spotify, deezer, musicbrainz], min_confidence: 0.90 }
              genre:    { providers: [beatport, discogs, lastfm], min_confidence: 0.60, mode: append }
              release_date: { providers: [musicbrainz, spotify, discogs], min_confidence: 0.75 }
            """;
    static final Instant NOW = Instant.parse("2025-10-10T12:00:05Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final Waterfall waterfall = new Waterfall(WaterfallConfig.parse(CONTRACT_YAML));
    private final RecordingListener events = new RecordingListener();

    // cosmic_gate_example.csv row 03, as each provider would list it
    static final String ARTIST = "Cosmic Gate & Forêt";
    static final String TITLE = "Need To Feel Loved (Extended Mix)";

    static CandidateBuilder beatport() {
        return CandidateBuilder.of("beatport", "11557238", "Need To Feel Loved", "Cosmic Gate", "Forêt").version("Extended Mix")
                .bpm(128).keyName("A Minor").genres("Trance").label("Black Hole Recordings").isrc("NLF711900123");
    }

    static CandidateBuilder spotify() {
        return CandidateBuilder.of("spotify", "3dxpmxWvJQyOpZY7lTP7r6", "Need To Feel Loved - Extended Mix", "Cosmic Gate", "Forêt")
                .isrc("NLF711900123").releaseDate("2019-05-17").duration(411_564).key(9, 0).bpm(128.01);
    }

    static CandidateBuilder deezer() {
        return CandidateBuilder.of("deezer", "700000001", "Need To Feel Loved (Extended Mix)", "Cosmic Gate", "Foret")
                .isrc("NLF711900123").bpm(128.0).duration(411_000).releaseDate("2019-05-17");
    }

    static CandidateBuilder musicbrainz() {
        return CandidateBuilder.of("musicbrainz", "mb-1", "Need To Feel Loved (extended mix)", "Cosmic Gate", "Forêt")
                .isrc("NLF711900123").releaseDate("2019-05-17").genres("trance");
    }

    private EnrichmentResult run(FakeGateway g) {
        return waterfall.enrich(TrackInput.of(ARTIST, TITLE), g, events, CLOCK);
    }

    @Test
    void fieldsAreWonInProviderOrderAndLaterProvidersFillOnlyWhatIsMissing() {
        FakeGateway g = new FakeGateway()
                .answer(BEATPORT, beatport().build())
                .answer(DEEZER, deezer().build())
                .answer(SPOTIFY, spotify().build())
                .answer(MUSICBRAINZ, musicbrainz().build())
                .answer(DISCOGS, CandidateBuilder.of("discogs", "r1", "Need To Feel Loved (Extended Mix)", "Cosmic Gate", "Forêt").genres("Electronic").build())
                .answer(LASTFM, CandidateBuilder.of("lastfm", "lf", "Need To Feel Loved", "Cosmic Gate & Forêt").genres("Trance", "uplifting trance").build());
        EnrichmentResult r = run(g);
        SilverTrack s = r.silver();
        assertThat(s.bpm()).isEqualTo(128.0);
        assertThat(s.provenance().get("bpm").rule()).isEqualTo("bpm[1]=beatport");
        assertThat(s.musicalKey()).isEqualTo("A minor");
        assertThat(s.camelotKey()).isEqualTo("8A");
        assertThat(s.provenance().get("camelot_key").rule()).isEqualTo("key[1]=beatport>camelot");
        assertThat(s.isrc()).isEqualTo("NLF711900123");
        assertThat(s.provenance().get("isrc").rule()).isEqualTo("isrc[1]=spotify");
        assertThat(s.releaseDate()).isEqualTo("2019-05-17");
        assertThat(s.provenance().get("release_date").provider()).isEqualTo("musicbrainz");
        // ids of confident matches are recorded though no field asks for them
        assertThat(s.spotifyId()).isEqualTo("3dxpmxWvJQyOpZY7lTP7r6");
        assertThat(s.beatportId()).isEqualTo("11557238");
        assertThat(s.musicbrainzId()).isEqualTo("mb-1");
        assertThat(s.provenance().get("spotify_id").rule()).isEqualTo("spotify_id[match]=spotify");
        // deezer is never needed: bpm came from beatport, isrc from spotify
        assertThat(g.calls(DEEZER)).isZero();
        assertThat(r.status()).isEqualTo(EnrichmentStatus.COMPLETED);
        assertThat(s.enrichmentStatus()).isEqualTo(EnrichmentStatus.COMPLETED);
        assertThat(r.deadLetter()).isEmpty();
        assertThat(events.events).contains("won bpm beatport", "won musical_key beatport", "won isrc spotify", "enriched completed 5");
        assertThat(events.events).noneMatch(e -> e.startsWith("fallback"));
    }

    @Test
    void aProviderWithoutTheValueFallsBackToTheNext() {
        FakeGateway g = new FakeGateway()
                .answer(BEATPORT, beatport().build())
                // Deezer's bpm 0 means unknown: the client maps it to null
                .answer(DEEZER, deezer().build())
                .answer(SPOTIFY, CandidateBuilder.of("spotify", "3dxpmxWvJQyOpZY7lTP7r6", "Need To Feel Loved - Extended Mix", "Cosmic Gate", "Forêt").build());
        Candidate noBpm = CandidateBuilder.of("beatport", "11557238", "Need To Feel Loved", "Cosmic Gate", "Forêt").version("Extended Mix").build();
        g.answer(BEATPORT, noBpm);
        EnrichmentResult r = run(g);
        assertThat(r.silver().bpm()).isEqualTo(128.0);
        assertThat(r.silver().provenance().get("bpm").rule()).isEqualTo("bpm[2]=deezer");
        assertThat(r.silver().provenance().get("bpm").providerRecordId()).isEqualTo("700000001");
        assertThat(events.events).containsSubsequence("fallback bpm beatport->deezer", "won bpm deezer");
        assertThat(r.steps()).anyMatch(s -> s.rule().equals("bpm[1]=beatport") && s.outcome() == FieldStep.Outcome.NO_VALUE);
        // spotify had no isrc: deezer (already asked) wins it without a second call
        assertThat(r.silver().provenance().get("isrc").rule()).isEqualTo("isrc[2]=deezer");
        assertThat(g.calls(DEEZER)).isEqualTo(1);
    }

    @Test
    void aMatchBelowMinConfidenceDoesNotWinButMayWinALooserField() {
        // Beatport credits only Cosmic Gate: a main artist is missing, confidence about 0.7
        Candidate partial = CandidateBuilder.of("beatport", "b2", "Need To Feel Loved", "Cosmic Gate").version("Extended Mix")
                .bpm(140).genres("Trance").build();
        FakeGateway g = new FakeGateway().answer(BEATPORT, partial).answer(DEEZER, deezer().build());
        EnrichmentResult r = run(g);
        double c = r.providers().stream().filter(p -> p.provider() == BEATPORT).findFirst().orElseThrow().confidence();
        assertThat(c).isBetween(0.6, 0.8);
        assertThat(r.silver().bpm()).isEqualTo(128.0);
        assertThat(r.silver().provenance().get("bpm").provider()).isEqualTo("deezer");
        assertThat(r.steps()).anyMatch(s -> s.rule().equals("bpm[1]=beatport") && s.outcome() == FieldStep.Outcome.BELOW_MIN_CONFIDENCE
                && s.detail().contains("below min_confidence 0.80"));
        // genre needs only 0.60
        assertThat(r.silver().genres()).containsExactly("trance");
        assertThat(r.silver().provenance().get("genres").rule()).isEqualTo("genre[1]=beatport");
        assertThat(r.silver().provenance().get("genres").confidence()).isEqualTo(c);
    }

    @Test
    void appendModeUnionsGenresFromEveryWinner() {
        FakeGateway g = new FakeGateway()
                .answer(BEATPORT, beatport().build())
                .answer(DISCOGS, CandidateBuilder.of("discogs", "r1", "Need To Feel Loved (Extended Mix)", "Cosmic Gate", "Forêt").genres("Electronic", "Trance").build())
                .answer(LASTFM, CandidateBuilder.of("lastfm", "lf", "Need To Feel Loved", "Cosmic Gate & Forêt").genres("trance", "Uplifting Trance").build());
        EnrichmentResult r = run(g);
        assertThat(r.silver().genres()).containsExactly("trance", "electronic", "uplifting trance");
        FieldValue fv = r.silver().provenance().get("genres");
        assertThat(fv.provider()).isEqualTo("beatport,discogs,lastfm");
        assertThat(fv.providerRecordId()).isEqualTo("11557238,r1,lf");
        assertThat(fv.rule()).isEqualTo("genre[1]=beatport+genre[2]=discogs+genre[3]=lastfm");
        assertThat(events.events).contains("won genres beatport", "won genres discogs", "won genres lastfm");
    }

    @Test
    void eachProviderIsAskedAtMostOncePerTrackEvenWhenItFails() {
        WaterfallConfig all = WaterfallConfig.parse("""
                fields:
                  bpm:   { providers: [spotify, deezer], min_confidence: 0.8 }
                  key:   { providers: [spotify, deezer], min_confidence: 0.8 }
                  isrc:  { providers: [deezer, spotify], min_confidence: 0.9 }
                  energy: { providers: [spotify], min_confidence: 0.8 }
                  release_date: { providers: [spotify, deezer], min_confidence: 0.8 }
                  duration_ms: { providers: [deezer, spotify], min_confidence: 0.8 }
                """);
        FakeGateway g = new FakeGateway().fail(SPOTIFY, ProviderException.Kind.TRANSIENT).answer(DEEZER, deezer().build());
        EnrichmentResult r = new Waterfall(all).enrich(TrackInput.of(ARTIST, TITLE), g, events, CLOCK);
        assertThat(g.calls(SPOTIFY)).isEqualTo(1);
        assertThat(g.calls(DEEZER)).isEqualTo(1);
        assertThat(g.calls).hasSize(2);
        assertThat(r.providers()).extracting(ProviderOutcome::provider).containsExactly(SPOTIFY, DEEZER);
        assertThat(r.providersAsked()).isEqualTo(2);
    }

    @Test
    void idsAndIsrcFoundEarlierChainIntoLaterLookups() {
        // spotify is first in line for every field; its candidate has no label, so deezer and musicbrainz, next in
        // line, are asked in a second wave that knows spotify's ids and ISRC
        WaterfallConfig cfg = WaterfallConfig.parse("""
                fields:
                  isrc:  { providers: [spotify], min_confidence: 0.9 }
                  bpm:   { providers: [spotify, deezer], min_confidence: 0.8 }
                  label: { providers: [spotify, deezer, musicbrainz], min_confidence: 0.8 }
                  release_date: { providers: [spotify, musicbrainz], min_confidence: 0.8 }
                """);
        // Deezer answers exact ISRC lookups only, the way /track/isrc:{ISRC} works, with an odd spelling of the title
        Candidate byIsrc = CandidateBuilder.of("deezer", "700000001", "Need to feel loved (Extended)", "Cosmic Gate", "Foret")
                .isrc("NLF711900123").bpm(128).build();
        FakeGateway g = new FakeGateway()
                .answer(SPOTIFY, CandidateBuilder.of("spotify", "3dxpmxWvJQyOpZY7lTP7r6", "Need To Feel Loved - Extended Mix", "Cosmic Gate", "Forêt")
                        .isrc("NLF711900123").releaseDate("2019-05-17").duration(411_564).build())
                .answer(DEEZER, q -> "NLF711900123".equals(q.knownIds().get("isrc")) ? List.of(byIsrc) : List.of())
                .answer(MUSICBRAINZ, musicbrainz().label("Black Hole Recordings").build());
        EnrichmentResult r = new Waterfall(cfg).enrich(TrackInput.of(ARTIST, TITLE), g, events, CLOCK);
        assertThat(g.query(SPOTIFY).knownIds()).isEmpty();
        assertThat(g.query(DEEZER).knownIds()).containsEntry("isrc", "NLF711900123").containsEntry("spotify", "3dxpmxWvJQyOpZY7lTP7r6");
        assertThat(g.query(DEEZER).durationMs()).isEqualTo(411_564);
        assertThat(g.query(MUSICBRAINZ).knownIds()).containsEntry("spotify", "3dxpmxWvJQyOpZY7lTP7r6").containsEntry("isrc", "NLF711900123");
        assertThat(r.silver().bpm()).isEqualTo(128.0);
        assertThat(r.silver().provenance().get("bpm").confidence()).isGreaterThanOrEqualTo(0.97);
        assertThat(r.silver().label()).isEqualTo("Black Hole Recordings");
        assertThat(r.status()).isEqualTo(EnrichmentStatus.COMPLETED);
    }

    @Test
    void scraperHintsAreKnownIdsFromTheStartAndFillTheirColumns() throws Exception {
        BronzeRecord rec = new BronzeRecord("1001tracklists", "https://www.1001tracklists.com/tracklist/1r4qp141/", "2utv5v05",
                ARTIST, TITLE, null, new Hints(null, null, "11557238", null), Instant.parse("2025-10-10T12:00:00Z"), "2.0.0");
        var msg = BronzeValidator.validate(Json.write(rec)).message();
        FakeGateway g = new FakeGateway().answer(BEATPORT, beatport().build());
        EnrichmentResult r = waterfall.enrich(msg, g, events, CLOCK);
        assertThat(g.query(BEATPORT).knownIds()).containsEntry("beatport", "11557238");
        assertThat(g.query(BEATPORT).title()).isEqualTo(TITLE);
        FieldValue hint = r.silver().provenance().get("beatport_id");
        assertThat(hint.provider()).isEqualTo("source:1001tracklists");
        assertThat(hint.rule()).isEqualTo("bronze_hint");
        assertThat(r.silver().trackId()).isEqualTo(msg.trackId());
        assertThat(r.silver().provenance().get("bpm").confidence()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void unidentifiedTracksAreNeverSentAnywhere() {
        FakeGateway g = new FakeGateway().answer(BEATPORT, beatport().build()).answer(SPOTIFY, spotify().build());
        for (String[] at : new String[][] {{"ID", "ID"}, {"?", "?"}, {"Unknown Artist", "Untitled"}, {"Adiel", "? [Unreleased]"}}) {
            EnrichmentResult r = waterfall.enrich(TrackInput.of(at[0], at[1]), g, events, CLOCK);
            assertThat(r.status()).isEqualTo(EnrichmentStatus.UNIDENTIFIED);
            assertThat(r.silver().enrichmentStatus()).isEqualTo(EnrichmentStatus.UNIDENTIFIED);
            assertThat(r.qualityScore()).isZero();
            assertThat(r.providers()).isEmpty();
        }
        int unidentified = 0;
        for (BronzeRecord b : TracklistFixtures.loadMixesDb()) {
            var m = BronzeValidator.validate(Json.write(b)).message();
            if (!m.unidentified()) continue;
            unidentified++;
            assertThat(waterfall.enrich(m, g, events, CLOCK).status()).isEqualTo(EnrichmentStatus.UNIDENTIFIED);
        }
        assertThat(unidentified).isEqualTo(21);
        assertThat(g.calls).isEmpty();
        assertThat(events.events).containsOnly("enriched unidentified 0");
    }

    @Test
    void ambiguousCandidatesGiveNoWinner() {
        // two different songs called "Fall Into You", each crediting one more artist than the tracklist
        Candidate a = CandidateBuilder.of("beatport", "8702411", "Fall Into You", "Cosmic Gate", "JES").isrc("NLF711400001").bpm(128).build();
        Candidate b = CandidateBuilder.of("beatport", "2", "Fall Into You", "Cosmic Gate", "Emma Hewitt").isrc("NLF711400002").bpm(130).build();
        FakeGateway g = new FakeGateway().answer(BEATPORT, a, b);
        EnrichmentResult r = waterfall.enrich(TrackInput.of("Cosmic Gate", "Fall Into You"), g, events, CLOCK);
        assertThat(r.silver().bpm()).isNull();
        assertThat(r.silver().beatportId()).isNull();
        assertThat(r.steps()).anyMatch(s -> s.rule().equals("bpm[1]=beatport") && s.outcome() == FieldStep.Outcome.AMBIGUOUS);
        assertThat(r.rejected()).extracting(Rejection::recordId).containsExactly("8702411", "2");
        assertThat(r.rejected()).allMatch(x -> x.reason().startsWith("ambiguous") && x.confidence() > 0.9);
        assertThat(r.silver().validationStatus()).isEqualTo("needs_review");
        assertThat(r.status()).isEqualTo(EnrichmentStatus.NOT_FOUND);
    }

    @Test
    void aMashupGetsNoValuesFromItsPartsAndTheirScoresExplainWhy() {
        // hardwell_example.csv row 10 and its parts, which a text search returns
        Candidate oneMoreTime = CandidateBuilder.of("spotify", "0DiWol3AO6WpXZgp0goxAV", "One More Time", "Daft Punk").isrc("GBDUW0000053").build();
        Candidate easy = CandidateBuilder.of("spotify", "3U9ayxeAZCcz5jwcGBD2uH", "Easy", "Porter Robinson", "Mat Zo").build();
        FakeGateway g = new FakeGateway().answer(SPOTIFY, oneMoreTime, easy).answer(BEATPORT, CandidateBuilder.of("beatport", "6014288", "One More Time", "Daft Punk").bpm(123).build());
        EnrichmentResult r = waterfall.enrich(TrackInput.of("Porter Robinson & Mat Zo vs. Daft Punk",
                "Easy vs. One More Time (Tristan Garner Unfinished Bootleg)"), g, events, CLOCK);
        assertThat(r.silver().spotifyId()).isNull();
        assertThat(r.silver().isrc()).isNull();
        assertThat(r.silver().bpm()).isNull();
        assertThat(r.silver().provenance()).isEmpty();
        assertThat(r.rejected()).hasSize(3).allMatch(x -> x.confidence() <= 0.1 && x.reason().contains("mashup"));
        assertThat(r.status()).isEqualTo(EnrichmentStatus.NOT_FOUND);
        assertThat(r.qualityScore()).isZero();
        assertThat(r.deadLetter()).isEmpty();
    }

    @Test
    void aProviderOverItsBudgetIsSkippedAndItsFieldsFallToTheNextProviderWithoutADeadLetter() {
        FakeGateway g = new FakeGateway().answer(BEATPORT, beatport().build()).answer(DEEZER, deezer().build())
                .answer(SPOTIFY, spotify().build()).fail(MUSICBRAINZ, ProviderException.Kind.BUDGET_EXHAUSTED);
        EnrichmentResult r = run(g);
        assertThat(r.silver().provenance().get("release_date").rule()).isEqualTo("release_date[2]=spotify");
        assertThat(r.steps()).anyMatch(s -> s.rule().equals("release_date[1]=musicbrainz") && s.outcome() == FieldStep.Outcome.PROVIDER_BUDGET);
        assertThat(r.providers()).anyMatch(p -> p.provider() == MUSICBRAINZ && p.status() == ProviderOutcome.Status.BUDGET && !p.isError());
        assertThat(r.deadLetter()).isEmpty();
        assertThat(r.status()).isNotEqualTo(EnrichmentStatus.FAILED);

        // nothing found anywhere, but one provider was never asked: partial (it may be found next month), not not_found
        FakeGateway skipped = new FakeGateway();
        for (ProviderName p : ProviderName.values()) skipped.answer(p, new Candidate[0]);
        skipped.fail(MUSICBRAINZ, ProviderException.Kind.BUDGET_EXHAUSTED);
        assertThat(run(skipped).status()).isEqualTo(EnrichmentStatus.PARTIAL);
        FakeGateway none = new FakeGateway();
        for (ProviderName p : ProviderName.values()) none.answer(p, new Candidate[0]);
        assertThat(run(none).status()).isEqualTo(EnrichmentStatus.NOT_FOUND);
    }

    @Test
    void statusFailedAndDeadLetterAdviceFollowProviderErrors() {
        // every provider down: nothing filled, failed, dead-lettered as transient
        FakeGateway down = new FakeGateway();
        for (ProviderName p : ProviderName.values()) down.fail(p, ProviderException.Kind.TRANSIENT);
        EnrichmentResult failed = run(down);
        assertThat(failed.status()).isEqualTo(EnrichmentStatus.FAILED);
        assertThat(failed.deadLetter()).hasValueSatisfying(d -> {
            assertThat(d.errorType()).isEqualTo(ErrorType.PROVIDER_TRANSIENT);
            assertThat(d.provider()).isEqualTo("beatport");
            assertThat(d.field()).isEqualTo("bpm");
        });
        assertThat(failed.providers()).allMatch(p -> p.status() == ProviderOutcome.Status.FAILED && p.errorKind() == ProviderException.Kind.TRANSIENT);
        assertThat(down.calls).hasSize(ProviderName.values().length);

        // beatport's breaker is open: deezer and spotify fill what they can, the rest is partial and dead-lettered for a replay
        FakeGateway open = new FakeGateway().fail(BEATPORT, ProviderException.Kind.CIRCUIT_OPEN)
                .answer(DEEZER, deezer().build()).answer(SPOTIFY, spotify().build()).answer(MUSICBRAINZ, musicbrainz().build());
        EnrichmentResult partial = run(open);
        assertThat(partial.status()).isEqualTo(EnrichmentStatus.PARTIAL);
        assertThat(partial.silver().provenance().get("bpm").rule()).isEqualTo("bpm[2]=deezer");
        assertThat(partial.silver().provenance().get("musical_key").rule()).isEqualTo("key[2]=spotify");
        assertThat(partial.providers()).anyMatch(p -> p.provider() == BEATPORT && p.status() == ProviderOutcome.Status.BREAKER_OPEN);
        assertThat(partial.deadLetter()).hasValueSatisfying(d -> assertThat(d.errorType()).isEqualTo(ErrorType.CIRCUIT_OPEN));

        // a capability 403 or a not-found is nothing a replay could fix
        FakeGateway capability = new FakeGateway().fail(SPOTIFY, ProviderException.Kind.CAPABILITY_MISSING)
                .fail(BEATPORT, ProviderException.Kind.NOT_FOUND).answer(DEEZER, deezer().build());
        EnrichmentResult noReplay = run(capability);
        assertThat(noReplay.deadLetter()).isEmpty();
        assertThat(noReplay.providers()).anyMatch(p -> p.provider() == BEATPORT && p.status() == ProviderOutcome.Status.NOT_FOUND);

        // a permanent error is dead-lettered as such
        FakeGateway permanent = new FakeGateway().fail(BEATPORT, ProviderException.Kind.PERMANENT);
        assertThat(run(permanent).deadLetter()).hasValueSatisfying(d -> assertThat(d.errorType()).isEqualTo(ErrorType.PROVIDER_PERMANENT));

        // a disabled provider is never asked and is not an error
        FakeGateway disabled = new FakeGateway().disable(BEATPORT).answer(DEEZER, deezer().build());
        EnrichmentResult d = run(disabled);
        assertThat(disabled.calls(BEATPORT)).isZero();
        assertThat(d.providers()).anyMatch(p -> p.provider() == BEATPORT && p.status() == ProviderOutcome.Status.DISABLED);
        assertThat(d.steps()).anyMatch(s -> s.rule().equals("bpm[1]=beatport") && s.outcome() == FieldStep.Outcome.PROVIDER_DISABLED);
        assertThat(d.silver().bpm()).isEqualTo(128.0);
    }

    @Test
    void qualityIsTheMeanWinningConfidenceOverConfiguredFields() {
        FakeGateway g = new FakeGateway().answer(BEATPORT, beatport().build());
        EnrichmentResult r = run(g);
        // beatport fills bpm, key and genre of five configured fields
        double sum = List.of("bpm", "musical_key", "genres").stream().mapToDouble(f -> r.silver().provenance().get(f).confidence()).sum();
        assertThat(r.qualityScore()).isCloseTo(sum / 5, org.assertj.core.data.Offset.offset(0.001));
        assertThat(r.qualityScore()).isBetween(0.5, 0.6);
        assertThat(r.silver().dataQualityScore()).isEqualTo(r.qualityScore());
        assertThat(r.status()).isEqualTo(EnrichmentStatus.PARTIAL);
        assertThat(events.events).contains("enriched partial 3");
    }

    @Test
    void theEngineAndItsResultSurviveJavaSerialisationAsFlinkShipsThem() throws Exception {
        Waterfall copy = roundTrip(new Waterfall(WaterfallConfig.defaults()));
        assertThat(copy.config()).isEqualTo(WaterfallConfig.defaults());
        FakeGateway g = new FakeGateway().answer(BEATPORT, beatport().build());
        EnrichmentResult r = copy.enrich(TrackInput.of(ARTIST, TITLE), g, events, CLOCK);
        assertThat(r.silver().bpm()).isEqualTo(128.0);
        EnrichmentResult back = roundTrip(r);
        assertThat(back.silver()).isEqualTo(r.silver());
        assertThat(back.rejected()).isEqualTo(r.rejected());
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws Exception {
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void theExplanationShowsFieldsProvidersAndRejections() {
        Candidate remix = CandidateBuilder.of("beatport", "999", "Need To Feel Loved", "Cosmic Gate", "Forêt").version("Radio Edit").bpm(128).build();
        FakeGateway g = new FakeGateway().answer(BEATPORT, beatport().build(), remix).fail(SPOTIFY, ProviderException.Kind.TIMEOUT);
        String text = Explanation.render(run(g));
        assertThat(text).contains("status partial").contains("bpm").contains("rule bpm[1]=beatport").contains("beatport:11557238")
                .contains("camelot_key").contains("8A")
                .contains("999").contains("version differs: 'original' vs 'radio edit'")
                .contains("spotify      failed").contains("dead-letter: timeout (spotify, field isrc)");
    }

    @Test
    void everyFilledFieldCarriesCompleteProvenance() throws Exception {
        FakeGateway g = new FakeGateway()
                .answer(BEATPORT, beatport().build()).answer(SPOTIFY, spotify().build())
                .answer(MUSICBRAINZ, musicbrainz().build()).answer(DEEZER, deezer().build())
                .answer(DISCOGS, CandidateBuilder.of("discogs", "r1", "Need To Feel Loved", "Cosmic Gate", "Forêt").genres("Electronic").label("Black Hole").build());
        EnrichmentResult r = new Waterfall(WaterfallConfig.defaults()).enrich(TrackInput.of(ARTIST, TITLE), g, events, CLOCK);
        SilverTrack s = r.silver();
        Map<String, Object> columns = Map.ofEntries(
                Map.entry("spotify_id", String.valueOf(s.spotifyId())), Map.entry("beatport_id", String.valueOf(s.beatportId())),
                Map.entry("discogs_id", String.valueOf(s.discogsId())), Map.entry("isrc", String.valueOf(s.isrc())),
                Map.entry("bpm", String.valueOf(s.bpm())), Map.entry("musical_key", String.valueOf(s.musicalKey())),
                Map.entry("camelot_key", String.valueOf(s.camelotKey())), Map.entry("genres", String.valueOf(s.genres())),
                Map.entry("label", String.valueOf(s.label())), Map.entry("release_date", String.valueOf(s.releaseDate())),
                Map.entry("duration_ms", String.valueOf(s.durationMs())));
        assertThat(r.status()).isEqualTo(EnrichmentStatus.COMPLETED);
        for (Map.Entry<String, Object> c : columns.entrySet()) {
            assertThat(c.getValue()).as(c.getKey()).isNotEqualTo("null");
            FieldValue fv = s.provenance().get(c.getKey());
            assertThat(fv).as(c.getKey()).isNotNull();
            assertThat(String.valueOf(fv.value())).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(fv.provider()).as(c.getKey()).isNotBlank();
            assertThat(fv.providerRecordId()).as(c.getKey()).isNotBlank();
            assertThat(fv.confidence()).as(c.getKey()).isBetween(0.75, 1.0);
            assertThat(fv.fetchedAt()).as(c.getKey()).isEqualTo(NOW);
            assertThat(fv.rule()).as(c.getKey()).matches("[a-z_]+\\[(\\d|match)\\]=[a-z]+.*");
        }
        assertThat(s.provenance().keySet()).containsExactlyInAnyOrderElementsOf(columns.keySet());
        assertThat(s.providerEnrichedAt()).containsOnlyKeys("beatport", "spotify", "discogs", "lastfm");
        // every default field was filled before deezer's or musicbrainz's turn came (discogs: beatport and last.fm
        // gave fewer than genre's max_values)
        assertThat(g.calls(DEEZER)).isZero();
        assertThat(g.calls(MUSICBRAINZ)).isZero();
        assertThat(s.deezerId()).isNull();
        // the silver record round-trips through the contract JSON with its provenance
        SilverTrack back = Json.MAPPER.readerFor(SilverTrack.class).readValue(Json.write(s));
        assertThat(back.provenance().get("bpm").rule()).isEqualTo("bpm[1]=beatport");
    }
}
