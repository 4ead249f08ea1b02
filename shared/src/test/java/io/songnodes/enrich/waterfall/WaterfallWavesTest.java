package io.songnodes.enrich.waterfall;

import static io.songnodes.enrich.ProviderName.BEATPORT;
import static io.songnodes.enrich.ProviderName.DEEZER;
import static io.songnodes.enrich.ProviderName.DISCOGS;
import static io.songnodes.enrich.ProviderName.LASTFM;
import static io.songnodes.enrich.ProviderName.MUSICBRAINZ;
import static io.songnodes.enrich.ProviderName.SPOTIFY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.Candidate;
import io.songnodes.config.ConfigException;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.scoring.CandidateBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Ask only what is needed, in waves: the providers next in line at the same time, chains in later waves. */
class WaterfallWavesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-10T12:00:05Z"), ZoneOffset.UTC);
    private static final String ARTIST = WaterfallTest.ARTIST, TITLE = WaterfallTest.TITLE;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() { pool.shutdownNow(); }

    private static Candidate lastfm(String... tags) {
        return CandidateBuilder.of("lastfm", "lf", "Need To Feel Loved", "Cosmic Gate & Forêt").genres(tags).build();
    }

    private static Candidate beatportWithGenres(String... genres) {
        return WaterfallTest.beatport().genres(genres).build();
    }

    @Test
    void anAppendFieldStopsAtMaxValuesAndKeepsThatMany() {
        WaterfallConfig cfg = WaterfallConfig.parse("""
                fields:
                  genre: { providers: [beatport, lastfm, discogs], min_confidence: 0.6, mode: append, max_values: 3 }
                """);
        FakeGateway g = new FakeGateway().answer(BEATPORT, beatportWithGenres("Trance", "Uplifting Trance"))
                .answer(LASTFM, lastfm("trance", "progressive", "vocal"))
                .answer(DISCOGS, CandidateBuilder.of("discogs", "r1", "Need To Feel Loved", "Cosmic Gate", "Forêt").genres("Electronic").build());
        EnrichmentResult r = new Waterfall(cfg).enrich(TrackInput.of(ARTIST, TITLE), g, null, CLOCK);
        assertThat(r.silver().genres()).hasSize(3).containsExactly("trance", "uplifting trance", "progressive");
        assertThat(g.calls(DISCOGS)).as("the field had enough before discogs' turn").isZero();
        assertThat(r.silver().provenance().get("genres").provider()).isEqualTo("beatport,lastfm");
    }

    @Test
    void anAppendFieldStopsAtMinProviders() {
        WaterfallConfig cfg = WaterfallConfig.parse("""
                fields:
                  genre: { providers: [beatport, lastfm, discogs], min_confidence: 0.6, mode: append, min_providers: 1 }
                """);
        FakeGateway g = new FakeGateway().answer(BEATPORT, beatportWithGenres("Trance")).answer(LASTFM, lastfm("trance"));
        EnrichmentResult r = new Waterfall(cfg).enrich(TrackInput.of(ARTIST, TITLE), g, null, CLOCK);
        assertThat(r.silver().genres()).containsExactly("trance");
        assertThat(g.calls(LASTFM) + g.calls(DISCOGS)).isZero();

        // without a bound every provider of the order is asked, as before
        WaterfallConfig unbounded = WaterfallConfig.parse("""
                fields:
                  genre: { providers: [beatport, lastfm, discogs], min_confidence: 0.6, mode: append }
                """);
        FakeGateway all = new FakeGateway().answer(BEATPORT, beatportWithGenres("Trance")).answer(LASTFM, lastfm("trance"));
        new Waterfall(unbounded).enrich(TrackInput.of(ARTIST, TITLE), all, null, CLOCK);
        assertThat(all.calls(LASTFM)).isEqualTo(1);
        assertThat(all.calls(DISCOGS)).isEqualTo(1);
    }

    @Test
    void stopBoundsAreValidatedNamingTheKey() {
        assertThatThrownBy(() -> WaterfallConfig.parse("""
                fields:
                  bpm: { providers: [beatport], min_confidence: 0.8, max_values: 2 }
                  genre: { providers: [beatport], min_confidence: 0.6, mode: append, min_providers: 0 }
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                .anyMatch(m -> m.startsWith("fields.bpm.max_values: only applies with mode: append"))
                .anyMatch(m -> m.startsWith("fields.genre.min_providers: must be a whole number >= 1")));
    }

    @Test
    void theShippedWaterfallAsksTheQuotaPoorProvidersOnlyAsLastResorts() {
        FakeGateway g = new FakeGateway().answer(BEATPORT, WaterfallTest.beatport().releaseDate("2019-05-17").duration(411_000).build())
                .answer(SPOTIFY, WaterfallTest.spotify().build())
                .answer(LASTFM, lastfm("trance", "uplifting trance", "vocal trance"));
        EnrichmentResult r = new Waterfall(WaterfallConfig.defaults()).enrich(TrackInput.of(ARTIST, TITLE), g, null, CLOCK);
        assertThat(r.status()).isEqualTo(io.songnodes.model.EnrichmentStatus.COMPLETED);
        assertThat(g.calls(MUSICBRAINZ)).isZero();
        assertThat(g.calls(DISCOGS)).isZero();
        assertThat(g.calls(DEEZER)).isZero();
        assertThat(r.silver().releaseDate()).isEqualTo("2019-05-17");
    }

    @Test
    void theProvidersNextInLineAreAskedAtTheSameTimeAndChainsWaitForTheirIds() throws Exception {
        // beatport and spotify head different fields: both must be in flight together, or neither answers
        CountDownLatch both = new CountDownLatch(2);
        FakeGateway g = new FakeGateway()
                .answer(BEATPORT, q -> meet(both, List.of(CandidateBuilder.of("beatport", "11557238", "Need To Feel Loved", "Cosmic Gate", "Forêt").version("Extended Mix").build())))
                .answer(SPOTIFY, q -> meet(both, List.of(CandidateBuilder.of("spotify", "3dxpmxWvJQyOpZY7lTP7r6", "Need To Feel Loved - Extended Mix", "Cosmic Gate", "Forêt").isrc("NLF711900123").duration(411_564).build())))
                .answer(DEEZER, q -> List.of(WaterfallTest.deezer().build()));
        WaterfallConfig cfg = WaterfallConfig.parse("""
                fields:
                  bpm:  { providers: [beatport, deezer], min_confidence: 0.8 }
                  isrc: { providers: [spotify], min_confidence: 0.9 }
                """);
        EnrichmentResult r = new Waterfall(cfg).enrichAsync(TrackInput.of(ARTIST, TITLE), g.async(pool), null, CLOCK).get(10, TimeUnit.SECONDS);
        assertThat(r.silver().isrc()).isEqualTo("NLF711900123");
        assertThat(r.silver().bpm()).isEqualTo(128.0);
        assertThat(r.silver().provenance().get("bpm").provider()).isEqualTo("deezer");
        // deezer came in the second wave, with what the first one matched
        assertThat(g.query(DEEZER).knownIds()).containsEntry("spotify", "3dxpmxWvJQyOpZY7lTP7r6").containsEntry("beatport", "11557238");
    }

    private static List<Candidate> meet(CountDownLatch latch, List<Candidate> answer) {
        latch.countDown();
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) throw new AssertionError("the other lookup of the wave never started");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return answer;
    }

    @Test
    void cancellingATrackInterruptsItsOutstandingLookupsAndStartsNoMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        FakeGateway g = new FakeGateway().answer(BEATPORT, q -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(30, TimeUnit.SECONDS);   // a slow provider
            } catch (InterruptedException e) {
                interrupted.set(true);
            } finally {
                ended.countDown();
            }
            return List.of();
        });
        CompletableFuture<EnrichmentResult> f = new Waterfall(WaterfallConfig.defaults())
                .enrichAsync(TrackInput.of(ARTIST, TITLE), g.async(pool), null, CLOCK);
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        f.cancel(true);
        assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        // only the first wave was ever asked
        assertThat(g.calls).allMatch(c -> c.getKey() == BEATPORT || c.getKey() == SPOTIFY);
    }
}
