package io.songnodes.jobs.bronzetosilver.bench;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.runtime.EnrichmentRuntime;
import io.songnodes.enrich.runtime.RuntimeSettings;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.flink.Serialization;
import io.songnodes.jobs.bronzetosilver.enrich.EnrichFunction;
import io.songnodes.jobs.bronzetosilver.enrich.EnrichSettings;
import io.songnodes.jobs.bronzetosilver.enrich.Enriched;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TestRedis;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Benchmark (not a test): throughput and p95 latency of the job's async enrichment operator over the kit's
 * tracklists at parallelism 2, on the all-cache-hit path and on the simulator path at 100 ms per request,
 * and the throughput ratio of async enrichment to a naive synchronous map with the same providers.
 * Run: {@code jobs/bronze-to-silver/bench/enrichment-benchmark.sh}.
 */
public final class EnrichmentBenchmark {
    private static final Map<String, String> CREDENTIALS = Map.of("SPOTIFY_CLIENT_ID", "bench", "SPOTIFY_CLIENT_SECRET", "bench",
            "DISCOGS_TOKEN", "bench", "LASTFM_API_KEY", "bench", "BEATPORT_TOKEN", "bench");

    /** A timed record: the message and when the source emitted it. */
    public record Timed(BronzeMessage message, long emittedNanos) implements java.io.Serializable {}

    public static void main(String[] args) throws Exception {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<BronzeMessage> kit = kitMessages(copies);
        // the simulator path uses each kit row once, so most lookups really go to the (slow) provider
        List<BronzeMessage> once = kitMessages(1);
        Path waterfall = Files.createTempFile("bench-waterfall-", ".yaml");
        String yaml = new String(EnrichmentBenchmark.class.getResourceAsStream("/waterfall.yaml").readAllBytes());
        Files.writeString(waterfall, yaml.replaceAll("rate: \\S+", "rate: 5000/s").replaceAll("burst: \\d+", "burst: 100"));
        System.out.printf("input: %d records (%d kit rows x %d copies) on the cache path, %d on the simulator path; parallelism 2, %d cores%n",
                kit.size(), once.size(), copies, once.size(), Runtime.getRuntime().availableProcessors());

        SimulatorConfig.Builder sim = SimulatorConfig.builder().port(0).enforceLimits(false)
                .catalog(new Catalog(CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"))));
        try (ProviderSimulator fast = ProviderSimulator.start(sim.build()); TestRedis redis = new TestRedis()) {
            EnrichSettings settings = settings(fast.baseUrl(), redis, waterfall, "warm");
            run("warm-up (fills the cache)", kit, settings, true);
            Result hit = run("all-cache-hit, async", kit, settings, true);
            System.out.println(hit);
        }
        SimulatorConfig.Builder slow = SimulatorConfig.builder().port(0).enforceLimits(false).latency(100, 0)
                .catalog(new Catalog(CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"))));
        try (ProviderSimulator sim100 = ProviderSimulator.start(slow.build()); TestRedis redisA = new TestRedis(); TestRedis redisS = new TestRedis()) {
            Result async = run("simulator 100 ms, async", once, settings(sim100.baseUrl(), redisA, waterfall, "a"), true);
            Result sync = run("simulator 100 ms, sync map", once, settings(sim100.baseUrl(), redisS, waterfall, "s"), false);
            System.out.println(async);
            System.out.println(sync);
            System.out.printf("async / sync throughput ratio at 100 ms: %.1f%n", async.perSecond() / sync.perSecond());
        }
    }

    private static EnrichSettings settings(String url, TestRedis redis, Path waterfall, String tag) {
        // freshness 1 ms: the copies of a song are all enriched, so the benchmark measures enrichment, not coalescing
        return new EnrichSettings(new RuntimeSettings(redis.uri(), redis.prefix() + tag + ":", url, RuntimeSettings.DEFAULT_CONTACT),
                waterfall.toString(), null, 32, Duration.ofMinutes(5), Duration.ofMillis(1), CREDENTIALS);
    }

    private static List<BronzeMessage> kitMessages(int copies) {
        List<BronzeMessage> out = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            for (TracklistFixtures.Row r : TracklistFixtures.all1001()) {
                BronzeRecord b = r.bronze();
                BronzeRecord copy = new BronzeRecord(b.source(), b.sourceUrl() + "copy" + c, b.sourceTrackId(), b.artist(), b.title(),
                        b.playlist(), b.hints(), b.scrapedAt(), b.scraperVersion());
                out.add(BronzeValidator.validate(Json.write(copy)).message());
            }
        }
        return out;
    }

    /** Throughput and latency of one run. */
    record Result(String name, int records, double seconds, double p50Ms, double p95Ms) {
        double perSecond() { return records / seconds; }

        @Override public String toString() {
            return String.format("%-28s %5d tracks in %6.1f s = %7.1f tracks/s   latency p50 %7.0f ms  p95 %7.0f ms",
                    name, records, seconds, perSecond(), p50Ms, p95Ms);
        }
    }

    private static Result run(String name, List<BronzeMessage> input, EnrichSettings settings, boolean async) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Serialization.configure(env);
        List<BronzeMessage> records = new ArrayList<>(input);
        DataStream<Timed> timed = env.fromData(records).map(m -> new Timed(m, System.nanoTime())).returns(Timed.class).rebalance();
        DataStream<Long> latencies;
        if (async) {
            // the source stamps every record at emission; latency is emission to result, queueing included
            latencies = AsyncDataStream.unorderedWait(timed.map(new Stamp()).returns(BronzeMessage.class),
                    new EnrichFunction(settings), 5, TimeUnit.MINUTES, settings.asyncCapacity())
                    .map(e -> (System.nanoTime() - e.startedNanos()) / 1_000_000L).returns(Long.class);
        } else {
            latencies = timed.map(new SyncEnrich(settings)).returns(Long.class);
        }
        long started = System.nanoTime();
        List<Long> ms = new ArrayList<>();
        try (CloseableIterator<Long> it = latencies.executeAndCollect(name)) {
            it.forEachRemaining(ms::add);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Collections.sort(ms);
        Result r = new Result(name, ms.size(), seconds, ms.get(ms.size() / 2), ms.get((int) Math.floor(ms.size() * 0.95)));
        System.out.println("  " + r);
        return r;
    }

    /** Passes the message on; the async result's startedNanos is taken at asyncInvoke, after queueing in the map. */
    static final class Stamp extends RichMapFunction<Timed, BronzeMessage> {
        @Override public BronzeMessage map(Timed t) { return t.message(); }
    }

    /** The naive alternative: enrichment inside a plain map, one track at a time per subtask. */
    static final class SyncEnrich extends RichMapFunction<Timed, Long> {
        private final EnrichSettings settings;
        private transient EnrichmentRuntime runtime;

        SyncEnrich(EnrichSettings settings) { this.settings = settings; }

        @Override public void open(OpenContext ctx) {
            runtime = EnrichmentRuntime.start(WaterfallConfig.load(Path.of(settings.waterfallFile())), settings.runtime(),
                    settings.environment(), EnrichmentListener.NONE);
        }

        @Override public Long map(Timed t) {
            runtime.enrich(t.message(), Clock.systemUTC());
            return (System.nanoTime() - t.emittedNanos()) / 1_000_000L;
        }

        @Override public void close() { if (runtime != null) runtime.close(); }
    }
}
