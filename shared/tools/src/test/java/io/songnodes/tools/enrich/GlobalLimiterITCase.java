package io.songnodes.tools.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.runtime.EnrichmentRuntime;
import io.songnodes.enrich.runtime.RuntimeSettings;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TestRedis;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimStats;
import io.songnodes.tools.sim.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * The global limiter proof (issue 3): 4 enrichers, each with its own {@link EnrichmentRuntime} (own Redis
 * pool, limiter, HTTP client: as 4 subtasks or JVMs would have), share one Redis prefix and enrich distinct
 * tracks as fast as they may against the simulator, with MusicBrainz at its real 1 request/s for 30 s. Only
 * the shared Redis limiter can keep them under the quota: the simulator must report 0 over-limit answers,
 * and the accepted requests must use at least 90% of it.
 */
class GlobalLimiterITCase {
    private static final int ENRICHERS = 4;
    private static final Duration WINDOW = Duration.ofSeconds(30);

    /** One MusicBrainz request, as the client saw it: when it left and how it was answered. */
    private record Call(long startNanos, String status) {}

    @Test
    void fourSeparateEnrichersKeepMusicBrainzAtOneRequestPerSecondTogether() throws Exception {
        // only MusicBrainz is asked, so each track costs exactly one MusicBrainz search; the catalog knows none of them
        WaterfallConfig config = WaterfallConfig.parse("""
                fields:
                  release_date: { providers: [musicbrainz], min_confidence: 0.75 }
                providers:
                  musicbrainz: { rate: 1/s, burst: 1 }
                """);
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        EnrichmentListener recorder = new EnrichmentListener() {
            @Override public void apiCall(ProviderName p, String endpoint, String status, Duration latency, double costUsd) {
                if (p == ProviderName.MUSICBRAINZ) calls.add(new Call(System.nanoTime() - latency.toNanos(), status));
            }
        };
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.builder().port(0).limitScale(1).enforceLimits(true)
                .catalog(new Catalog(CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"))))
                .build());
             TestRedis redis = new TestRedis()) {
            RuntimeSettings settings = new RuntimeSettings(redis.uri(), redis.prefix(), sim.baseUrl(), RuntimeSettings.DEFAULT_CONTACT);
            List<EnrichmentRuntime> runtimes = new ArrayList<>();
            for (int i = 0; i < ENRICHERS; i++) runtimes.add(EnrichmentRuntime.start(config, settings, CliRun.SIMULATOR_CREDENTIALS, recorder));
            ExecutorService pool = Executors.newFixedThreadPool(ENRICHERS);
            long start = System.nanoTime();
            long end = start + WINDOW.toNanos() + Duration.ofSeconds(1).toNanos();
            AtomicLongArray tracks = new AtomicLongArray(ENRICHERS);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < ENRICHERS; i++) {
                    EnrichmentRuntime runtime = runtimes.get(i);
                    int enricher = i;
                    runs.add(pool.submit(() -> {
                        for (int n = 0; System.nanoTime() < end; n++) {
                            runtime.enrich(track("Proof Artist " + enricher, "Proof Track " + enricher + " " + n), Clock.systemUTC());
                            tracks.incrementAndGet(enricher);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : runs) f.get();
            } finally {
                pool.shutdownNow();
                runtimes.forEach(EnrichmentRuntime::close);
            }

            SimStats.ProviderStats mb = sim.stats(ProviderName.MUSICBRAINZ);
            List<Call> sorted = new ArrayList<>(calls);
            sorted.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
            long first = sorted.get(0).startNanos();
            long acceptedInWindow = sorted.stream()
                    .filter(c -> c.startNanos() < first + WINDOW.toNanos())
                    .filter(c -> c.status().equals("success") || c.status().equals("not_found"))
                    .count();
            System.out.printf("global limiter proof: %d enrichers, tracks per enricher %s; simulator musicbrainz requests %d, accepted %d, over-limit %d;"
                            + " client calls %d, accepted in the first %d s %d of a quota of %d (%.1f%%)%n",
                    ENRICHERS, tracks, mb.requests(), mb.accepted(), mb.overLimit(), sorted.size(), WINDOW.toSeconds(),
                    acceptedInWindow, WINDOW.toSeconds(), 100.0 * acceptedInWindow / WINDOW.toSeconds());
            assertThat(mb.overLimit()).as("MusicBrainz over-limit (503) answers").isZero();
            assertThat(mb.accepted()).as("the simulator saw what the clients sent").isEqualTo(sorted.size());
            assertThat(acceptedInWindow).as("accepted requests in %s at 1/s", WINDOW).isGreaterThanOrEqualTo(27);
            // every enricher got permits: the quota was shared, not taken by one
            for (int i = 0; i < ENRICHERS; i++) assertThat(tracks.get(i)).as("tracks of enricher %d", i).isPositive();
        }
    }

    private static BronzeMessage track(String artist, String title) {
        BronzeRecord r = new BronzeRecord("1001tracklists", "https://www.1001tracklists.com/tracklist/proof/", null, artist, title, null, null,
                Instant.parse("2025-10-10T12:00:00Z"), "limiter-proof");
        return BronzeValidator.validate(Json.write(r)).message();
    }
}
