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
 * Benchmark (not a test): throughput and latency of the job's async enrichment operator at parallelism 2: on the
 * all-cache-hit path (the kit's tracklists); on the simulator path at 100 ms per request with the limits lifted, over
 * 4,000 distinct made-up tracks (all enriched once first, to warm both JVMs), at several async capacities against a
 * naive synchronous map with the same providers, with the CPU the job and the simulator (in a JVM of its own) spend per
 * request; and with the shipped
 * waterfall at the providers' real limits, tracks per hour from the quota ceiling next to the measured rate.
 * Run: {@code jobs/bronze-to-silver/bench/enrichment-benchmark.sh}; {@code -Dbench.only=cache|sim|sim-only} (in
 * JAVA_OPTS) runs a part, {@code -Dbench.capacities=64,256} other capacities.
 */
public final class EnrichmentBenchmark {
    private static final Map<String, String> CREDENTIALS = Map.of("SPOTIFY_CLIENT_ID", "bench", "SPOTIFY_CLIENT_SECRET", "bench",
            "DISCOGS_TOKEN", "bench", "LASTFM_API_KEY", "bench", "BEATPORT_TOKEN", "bench");

    /** A timed record: the message and when the source emitted it. */
    public record Timed(BronzeMessage message, long emittedNanos) implements java.io.Serializable {}

    /** Provider latency of the simulator path, and the number of distinct made-up tracks it enriches. */
    static final int LATENCY_MS = 100, DISTINCT = 4_000, SYNC_SAMPLE = 100, REAL_LIMIT_TRACKS = 60;
    /** Async capacities per subtask tried on the simulator path. */
    static final int[] CAPACITIES = java.util.Arrays.stream(System.getProperty("bench.capacities", "16,32,64,256").split(","))
            .mapToInt(c -> Integer.parseInt(c.trim())).toArray();
    /** Tracks enriched one at a time for the latency floor (the first includes the Spotify token). */
    static final int ALONE = 21;

    /**
     * One run with the CPU both processes spent per request in its steady window: from the result that completes the
     * first 10% of the tracks to the one that completes 90%, so the job's start-up, the JIT's first compilations and the
     * drain at the end are left out (the run's throughput and latency are still those of the whole run).
     */
    record Measured(Result result, int capacity, long requests, long steadyRequests, int steadyTracks, double steadySeconds,
                    double jobCpuMs, double simCpuMs) {
        double requestsPerTrack() { return requests / (double) result.records(); }
        double jobCpuMsPerRequest() { return jobCpuMs / steadyRequests; }
        double simCpuMsPerRequest() { return simCpuMs / steadyRequests; }
        double steadyPerSecond() { return steadyTracks / steadySeconds; }

        @Override public String toString() {
            return String.format("%-34s %9.1f %8.0f %8.0f %9.2f %9.1f %14.2f %14.2f", result.name(), result.perSecond(), result.p50Ms(),
                    result.p95Ms(), requestsPerTrack(), steadyPerSecond(), jobCpuMsPerRequest(), simCpuMsPerRequest());
        }
    }

    /** Marks taken by the collecting thread as results arrive: the steady window's CPU, requests and time. */
    static final class Window {
        private final ExternalSimulator sim;
        private final int from, to;
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long[] start, end;

        Window(ExternalSimulator sim, int tracks) {
            this.sim = sim;
            this.from = Math.max(1, tracks / 10);
            this.to = Math.max(from + 1, tracks * 9 / 10);
        }

        void arrived(int count) {
            if (count == from) start = mark();
            else if (count == to) end = mark();
        }

        private long[] mark() {
            try {
                return new long[] {System.nanoTime(), os.getProcessCpuTime(), sim.cpuNanos(), sim.requests()};
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static Measured measure(ExternalSimulator sim, String name, List<BronzeMessage> input, EnrichSettings settings, boolean async)
            throws Exception {
        long requests0 = sim.requests();
        Window w = new Window(sim, input.size());
        Result r = run(name, input, settings, async, w);
        int capacity = r.name().contains("c=") ? Integer.parseInt(r.name().substring(r.name().indexOf("c=") + 2)) : 1;
        return new Measured(r, capacity, Math.max(1, sim.requests() - requests0), Math.max(1, w.end[3] - w.start[3]), w.to - w.from,
                (w.end[0] - w.start[0]) / 1e9, (w.end[1] - w.start[1]) / 1e6, (w.end[2] - w.start[2]) / 1e6);
    }

    /** The simulator in a JVM of its own ({@code songnodes simulate}), limits off, with its CPU time readable. */
    static final class ExternalSimulator implements AutoCloseable {
        private final Process process;
        private final int port;

        private ExternalSimulator(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static ExternalSimulator start(Catalog catalog, int latencyMs) throws Exception {
            Path file = Files.createTempFile("bench-catalog-", ".jsonl");
            Catalog.write(catalog.tracks(), file);
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.songnodes.tools.SongnodesCli", "simulate",
                    "--catalog", file.toString(), "--port", String.valueOf(port), "--latency-ms", String.valueOf(latencyMs), "--no-limits",
                    "--threads", "512")
                    .redirectErrorStream(true).redirectOutput(Files.createTempFile("bench-simulator-", ".log").toFile()).start();
            ExternalSimulator sim = new ExternalSimulator(p, port);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                try {
                    sim.requests();
                    return sim;
                } catch (java.io.IOException e) {
                    if (System.nanoTime() > deadline || !p.isAlive()) throw new IllegalStateException("simulator did not start", e);
                    Thread.sleep(200);
                }
            }
        }

        String baseUrl() { return "http://localhost:" + port; }

        /** Requests the simulator answered so far, all providers. */
        long requests() throws java.io.IOException {
            var c = (java.net.HttpURLConnection) java.net.URI.create(baseUrl() + "/__sim/stats").toURL().openConnection();
            try (var in = c.getInputStream()) {
                var root = Json.MAPPER.readTree(in);
                long n = 0;
                for (var e : root.path("providers")) n += e.path("requests").asLong();
                return n;
            }
        }

        long cpuNanos() { return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO).toNanos(); }

        @Override public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public static void main(String[] args) throws Exception {
        int copies = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<BronzeMessage> kit = kitMessages(copies);
        Path lifted = Files.createTempFile("bench-waterfall-", ".yaml");
        String yaml = new String(EnrichmentBenchmark.class.getResourceAsStream("/waterfall.yaml").readAllBytes());
        Files.writeString(lifted, yaml.replaceAll("rate: \\S+", "rate: 5000/s").replaceAll("burst: \\d+", "burst: 100"));
        System.out.printf("parallelism 2, %d cores; cache path: %d records (%d kit rows x %d copies)%n",
                Runtime.getRuntime().availableProcessors(), kit.size(), kit.size() / copies, copies);

        String only = System.getProperty("bench.only", "");
        if (only.isEmpty() || only.equals("cache")) {
        SimulatorConfig.Builder sim = SimulatorConfig.builder().port(0).enforceLimits(false)
                .catalog(new Catalog(CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"))));
        try (ProviderSimulator fast = ProviderSimulator.start(sim.build()); TestRedis redis = new TestRedis()) {
            EnrichSettings settings = settings(fast.baseUrl(), redis, lifted, "warm", 32);
            run("warm-up (fills the cache)", kit, settings, true);
            Result hit = run("all-cache-hit, async", kit, settings, true);
            System.out.println(hit);
        }
        }
        if (!only.isEmpty() && !only.startsWith("sim")) return;

        // limits lifted, every request takes 100 ms: how much of that latency the operator hides. The simulator runs in
        // its own JVM, so the CPU each side spends per request is measured apart (both share this machine's cores).
        Catalog synthetic = Catalog.synthetic(DISTINCT + REAL_LIMIT_TRACKS, 12);
        List<BronzeMessage> distinct = messages(synthetic.tracks().subList(0, DISTINCT));
        try (ExternalSimulator sim100 = ExternalSimulator.start(synthetic, LATENCY_MS); TestRedis redisA = new TestRedis()) {
            // JIT (in both JVMs) and connection warm-up on the same tracks under their own cache prefix, so the runs below
            // measure the steady state, not the compilers
            run("warm-up (JIT, connections)", distinct, settings(sim100.baseUrl(), redisA, lifted, "w", 64), true);
            List<Measured> sweep = new ArrayList<>();
            for (int capacity : CAPACITIES) {
                // a fresh Redis prefix per run: every lookup misses the cache
                sweep.add(measure(sim100, "simulator 100 ms, async c=" + capacity, distinct,
                        settings(sim100.baseUrl(), redisA, lifted, "a" + capacity, capacity), true));
            }
            Measured sync = measure(sim100, "simulator 100 ms, sync map", distinct.subList(0, SYNC_SAMPLE),
                    settings(sim100.baseUrl(), redisA, lifted, "s", 1), false);
            double alone = oneAtATime(distinct.subList(DISTINCT - ALONE, DISTINCT), settings(sim100.baseUrl(), redisA, lifted, "one", 1));
            double syncRate = sync.result().perSecond();
            System.out.printf("%-34s %9s %8s %8s %9s %9s %14s %14s %8s %10s %14s%n", "run (capacity per subtask, p=2)", "tracks/s", "p50 ms", "p95 ms",
                    "req/track", "steady/s", "job CPU ms/req", "sim CPU ms/req", "x sync", "p50/100ms", "steady x sync");
            System.out.println("(steady/s and CPU per request: the window from 10% to 90% of the results, start-up and drain left out)");
            for (Measured m : sweep) {
                System.out.printf("%s %8.1f %10.1f %14.1f%n", m, m.result().perSecond() / syncRate, m.result().p50Ms() / LATENCY_MS,
                        m.steadyPerSecond() / sync.steadyPerSecond());
            }
            System.out.println(sync + "   (first " + SYNC_SAMPLE + " of the same tracks)");
            Measured fastest = sweep.stream().max(java.util.Comparator.comparingDouble(m -> m.result().perSecond())).orElseThrow();
            Measured quickest = sweep.stream().min(java.util.Comparator.comparingDouble(m -> m.result().p50Ms())).orElseThrow();
            System.out.printf("provider requests per track (async run): %.2f%n", fastest.requestsPerTrack());
            System.out.printf("async / sync throughput ratio at %d ms: %.1f whole runs, %.1f steady windows   (goal >= 50; capacity %d, p50 %.0f ms)%n",
                    LATENCY_MS, fastest.result().perSecond() / syncRate, fastest.steadyPerSecond() / sync.steadyPerSecond(), fastest.capacity(),
                    fastest.result().p50Ms());
            System.out.printf("median per-track latency / provider latency: %.1f   (goal <= 4; p50 %.0f ms at %d ms per request; capacity %d, %.1f x sync)%n",
                    quickest.result().p50Ms() / LATENCY_MS, quickest.result().p50Ms(), LATENCY_MS, quickest.capacity(),
                    quickest.result().perSecond() / syncRate);
            System.out.printf("one track at a time (no other track in flight, %d tracks): p50 %.0f ms = %.1f x provider latency"
                    + " (the latency floor: the shipped waterfall asks 3 requests in a row here)%n", ALONE, alone, alone / LATENCY_MS);
            double cpuPerReq = fastest.jobCpuMsPerRequest() + fastest.simCpuMsPerRequest();
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("CPU bound: %.2f ms per request (job %.2f + simulator %.2f, steady window) on %d cores caps this"
                            + " machine at %.0f requests/s = %.0f tracks/s = %.0f x sync; measured %.0f tracks/s (steady window %.0f)%n",
                    cpuPerReq, fastest.jobCpuMsPerRequest(), fastest.simCpuMsPerRequest(), cores, cores * 1000 / cpuPerReq,
                    cores * 1000 / cpuPerReq / fastest.requestsPerTrack(), cores * 1000 / cpuPerReq / fastest.requestsPerTrack() / syncRate,
                    fastest.result().perSecond(), fastest.steadyPerSecond());
        }

        if (only.equals("sim-only")) return;
        // the shipped waterfall at the providers' real limits, enforced by the simulator
        List<BronzeMessage> fresh = messages(synthetic.tracks().subList(DISTINCT, DISTINCT + REAL_LIMIT_TRACKS));
        Path shipped = Files.createTempFile("bench-waterfall-shipped-", ".yaml");
        Files.writeString(shipped, yaml);
        try (ProviderSimulator real = ProviderSimulator.start(SimulatorConfig.builder().port(0).catalog(synthetic).build());
             TestRedis redis = new TestRedis()) {
            Result r = run("real limits, async", fresh, settings(real.baseUrl(), redis, shipped, "r", 256), true);
            System.out.println(r);
            WaterfallConfig config = WaterfallConfig.parse(yaml);
            double ceiling = Double.MAX_VALUE;
            String by = "";
            StringBuilder perTrack = new StringBuilder();
            for (var e : real.stats().entrySet()) {
                double calls = e.getValue().accepted() / (double) fresh.size();
                perTrack.append(String.format(" %s %.2f", e.getKey().id(), calls));
                if (calls == 0) continue;
                double tph = config.provider(e.getKey()).rate().perSecond() * 3600 / calls;
                if (tph < ceiling) { ceiling = tph; by = e.getKey().id() + " " + config.provider(e.getKey()).rate(); }
            }
            long overLimit = real.stats().values().stream().mapToLong(st -> st.overLimit()).sum();
            System.out.printf("calls per track:%s; over-limit answers %d%n", perTrack, overLimit);
            System.out.printf("tracks/hour at the real limits: quota ceiling %.0f (set by %s), measured %.0f (%d tracks in %.1f s, start-up included)%n",
                    ceiling, by, r.perSecond() * 3600, r.records(), r.seconds());
        }
    }

    /** The median latency of {@code tracks} enriched one after another (outside Flink), with a fresh cache. */
    private static double oneAtATime(List<BronzeMessage> tracks, EnrichSettings settings) throws Exception {
        List<Long> ms = new ArrayList<>();
        try (EnrichmentRuntime runtime = EnrichmentRuntime.start(WaterfallConfig.load(Path.of(settings.waterfallFile())), settings.runtime(),
                settings.environment(), EnrichmentListener.NONE)) {
            for (BronzeMessage m : tracks) {
                long t0 = System.nanoTime();
                runtime.enrichAsync(m, Clock.systemUTC()).get();
                ms.add((System.nanoTime() - t0) / 1_000_000);
            }
        }
        Collections.sort(ms);
        return ms.get(ms.size() / 2);
    }

    private static List<BronzeMessage> messages(List<io.songnodes.tools.catalog.CatalogTrack> tracks) {
        List<BronzeMessage> out = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            var t = tracks.get(i);
            BronzeRecord b = new BronzeRecord("bench", "https://example.org/bench/" + i, null, t.artist(), t.fullTitle(), null, null,
                    java.time.Instant.now(), "bench");
            out.add(BronzeValidator.validate(Json.write(b)).message());
        }
        return out;
    }

    private static EnrichSettings settings(String url, TestRedis redis, Path waterfall, String tag, int capacity) {
        // freshness 1 ms: the copies of a song are all enriched, so the benchmark measures enrichment, not coalescing
        return new EnrichSettings(new RuntimeSettings(redis.uri(), redis.prefix() + tag + ":", url, RuntimeSettings.DEFAULT_CONTACT),
                waterfall.toString(), null, capacity, Duration.ofMinutes(5), Duration.ofMillis(1), CREDENTIALS);
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
        return run(name, input, settings, async, null);
    }

    private static Result run(String name, List<BronzeMessage> input, EnrichSettings settings, boolean async, Window window) throws Exception {
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
            while (it.hasNext()) {
                ms.add(it.next());
                if (window != null) window.arrived(ms.size());
            }
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
