package io.songnodes.tools.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.config.WaterfallConfigLoader;
import io.songnodes.enrich.resilience.GlobalRateLimiter;
import io.songnodes.enrich.runtime.EnrichmentRuntime;
import io.songnodes.enrich.runtime.RuntimeSettings;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.testing.TestRedis;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimulatorConfig;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A track that runs out of time gives everything back: tracks queued behind a slow quota are cancelled while their
 * requests still wait for rate-limit slots; those requests never reach the simulator, their slots go back to the
 * shared limiter (the next caller is served at once instead of behind them) and their budget charges are refunded.
 */
class TimedOutTrackITCase {
    private static final int TRACKS = 8;
    private static final double COST = 0.01;

    @Test
    void aTimedOutTracksRequestsThatWaitForASlotAreNeverSentAndItsQuotaIsGivenBack() throws Exception {
        String yaml;
        try (InputStream in = WaterfallConfigLoader.class.getResourceAsStream(WaterfallConfigLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // one field from Deezer alone, at 1 request/s (the cancel comes long before most slots), priced so the refunds show in the month's spend
        yaml = yaml.replaceAll("(?ms)^fields:\\n.*?\\n\\n", "fields:\n  bpm: { providers: [deezer], min_confidence: 0.8 }\n\n");
        yaml = yaml.replaceAll("(  deezer:\\n(?:    .*\\n)*?)    rate: \\S+", "$1    rate: 1/s")
                .replaceAll("(  deezer:\\n(?:    .*\\n)*?)    burst: \\d+", "$1    burst: 1")
                .replaceAll("(  deezer:\\n(?:    .*\\n)*?)    cost_per_call_usd: [0-9.]+", "$1    cost_per_call_usd: " + COST);
        WaterfallConfig config = WaterfallConfig.parse(yaml);
        assertThat(config.provider(ProviderName.DEEZER).rate().perSecond()).isEqualTo(1.0);
        Catalog catalog = Catalog.synthetic(TRACKS, 7);
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.builder().port(0).enforceLimits(false).catalog(catalog).build());
             TestRedis redis = new TestRedis();
             EnrichmentRuntime runtime = EnrichmentRuntime.start(config, new RuntimeSettings(redis.uri(), redis.prefix(), sim.baseUrl(),
                     RuntimeSettings.DEFAULT_CONTACT), Map.of(), EnrichmentListener.NONE)) {
            GlobalRateLimiter limiter = runtime.resilience().limiter(ProviderName.DEEZER);
            List<CompletableFuture<EnrichmentResult>> tracks = new ArrayList<>();
            for (CatalogTrack t : catalog.tracks()) tracks.add(runtime.enrichAsync(message(t), Clock.systemUTC()));
            // each track's search holds a slot a second after the one before: the last is 7 s away
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (requests(sim) < 1 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(requests(sim)).as("the first search went out at once").isGreaterThanOrEqualTo(1);

            tracks.forEach(f -> f.cancel(true));   // what EnrichFunction.timeout does
            long sentAtCancel = requests(sim);
            assertThat(sentAtCancel).as("most tracks were still waiting for their slot").isLessThan(TRACKS / 2);
            assertThat(limiter.releasedReservations()).as("every slot not used went back").isGreaterThanOrEqualTo(TRACKS - sentAtCancel - 1);

            // longer than the whole schedule of the cancelled tracks would have taken
            Thread.sleep(TRACKS * 1000 + 500);
            long sent = requests(sim);
            assertThat(sent).as("no cancelled request reached the provider").isLessThanOrEqualTo(sentAtCancel + 1);
            // a track whose search answered before the cancel may have reserved a slot for its detail request too
            assertThat(limiter.reservations()).as("one search per track at least").isGreaterThanOrEqualTo(TRACKS);
            assertThat(limiter.releasedReservations() + sent).as("each reservation was either sent or given back").isEqualTo(limiter.reservations());
            assertThat(runtime.budget().spentUsd(ProviderName.DEEZER)).as("only the requests sent are paid for")
                    .isCloseTo(sent * COST, within(1e-9));
            // the slots came back: a new caller is served within one interval, not behind the cancelled tracks' queue
            GlobalRateLimiter.Permit next = limiter.acquire(Duration.ofMillis(1100));
            assertThat(next.global()).isTrue();
        }
    }

    private static long requests(ProviderSimulator sim) { return sim.stats(ProviderName.DEEZER).requests(); }

    private static BronzeMessage message(CatalogTrack t) {
        BronzeRecord b = new BronzeRecord("test", "https://example.org/timeout/" + t.artist() + "/" + t.fullTitle(), null, t.artist(), t.fullTitle(),
                null, null, Instant.now(), "test");
        return BronzeValidator.validate(Json.write(b)).message();
    }
}
