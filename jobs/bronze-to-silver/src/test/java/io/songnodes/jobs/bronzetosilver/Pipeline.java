package io.songnodes.jobs.bronzetosilver;

import io.songnodes.config.Options;
import io.songnodes.enrich.ProviderName;
import io.songnodes.flink.rabbit.ConfirmedRabbitSink;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TestDatabase;
import io.songnodes.testing.TestRabbit;
import io.songnodes.testing.TestRedis;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Everything one bronze-to-silver ITCase run needs, isolated: a database, prefixed queues, a Redis prefix,
 * and the provider simulator serving a catalog built from the kit's 1001tracklists sets.
 */
final class Pipeline implements AutoCloseable {
    /** Stand-in credentials for the simulator, which checks that they are sent, not what they are. */
    static final Map<String, String> SIMULATOR_CREDENTIALS = Map.of(
            "SPOTIFY_CLIENT_ID", "sim-client", "SPOTIFY_CLIENT_SECRET", "sim-secret", "DISCOGS_TOKEN", "sim-discogs",
            "LASTFM_API_KEY", "sim-lastfm", "BEATPORT_TOKEN", "sim-beatport");

    final TestDatabase db = TestDatabase.create();
    final TestRabbit rabbit = new TestRabbit();
    final TestRedis redis = new TestRedis();
    final String bronzeQueue = rabbit.queue("songnodes.bronze.tracks");
    final String dlq = rabbit.queue("songnodes.dlq");
    final String eventsExchange = rabbit.exchange("songnodes.silver.events");
    final String events = rabbit.queue("silver-events");
    final ProviderSimulator simulator;
    /** The Redis the jobs use; a test may point it at a closed port to make Redis unreachable. */
    String redisUri = redis.uri();
    /** The waterfall file the jobs read; a test may point it elsewhere before starting a job. */
    Path waterfall;

    Pipeline(Consumer<SimulatorConfig.Builder> simulatorSetup) throws IOException {
        try {
            rabbit.channel().queueBind(events, eventsExchange, "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        SimulatorConfig.Builder sim = SimulatorConfig.builder().port(0)
                .catalog(new Catalog(CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"))));
        simulatorSetup.accept(sim);
        simulator = ProviderSimulator.start(sim.build());
        waterfall = fastWaterfall();
    }

    /** The shipped waterfall with test-speed limits, so a run of a hundred tracks takes seconds. */
    static Path fastWaterfall() throws IOException {
        String yaml;
        try (var in = Pipeline.class.getResourceAsStream("/waterfall.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        yaml = yaml.replaceAll("rate: \\S+", "rate: 200/s").replaceAll("burst: \\d+", "burst: 20");
        Path f = Files.createTempFile("waterfall-", ".yaml");
        Files.writeString(f, yaml);
        f.toFile().deleteOnExit();
        return f;
    }

    /**
     * The shipped waterfall with every provider's rate set to the simulator's real limit at {@code scale}
     * (the window divided by it) and burst 1, so the limiter's safety margin is all that keeps requests
     * under the quota: no test-only headroom.
     */
    static Path waterfallAtSimulatorLimits(double scale) throws IOException {
        String yaml;
        try (var in = Pipeline.class.getResourceAsStream("/waterfall.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Map<ProviderName, io.songnodes.enrich.config.Rate> limits = io.songnodes.enrich.config.ProviderDefaults.rates();
        StringBuilder out = new StringBuilder();
        ProviderName provider = null;
        for (String line : yaml.split("\n", -1)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  ([a-z]+):\\s*$").matcher(line);
            if (m.matches()) provider = ProviderName.of(m.group(1));
            if (provider != null && line.matches("^    rate: .*")) {
                var l = limits.get(provider);
                line = "    rate: " + l.permits() + "/" + Math.round(l.period().toMillis() / scale) + "ms";
            } else if (provider != null && line.matches("^    burst: .*")) {
                line = "    burst: 1";
            }
            out.append(line).append('\n');
        }
        Path f = Files.createTempFile("waterfall-limits-", ".yaml");
        Files.writeString(f, out.toString());
        f.toFile().deleteOnExit();
        return f;
    }

    /** The per-track enrichment deadline; tests at the real limits queue longer than the default 30 s. */
    String asyncTimeout = "30s";

    List<String> args(String... extra) {
        List<String> a = new ArrayList<>(List.of(
                "--amqp-uri", TestRabbit.uri(), "--jdbc-url", db.jdbcUrl(), "--bronze-queue", bronzeQueue, "--dlq", dlq,
                "--events-exchange", eventsExchange, "--prefetch", "1000", "--checkpoint-interval", "500ms",
                "--redis-uri", redisUri, "--redis-prefix", redis.prefix(), "--providers-url", simulator.baseUrl(),
                "--waterfall-config", waterfall.toString(), "--sources", "1001tracklists,mixesdb", "--skip-migrations",
                "--async-timeout", asyncTimeout));
        // an option given in extra replaces the base one (Options refuses a key given twice)
        for (String e : extra) {
            int i = e.startsWith("--") ? a.indexOf(e) : -1;
            if (i >= 0) {
                boolean valued = i + 1 < a.size() && !a.get(i + 1).startsWith("--");
                a.subList(i, valued ? i + 2 : i + 1).clear();
            }
        }
        a.addAll(Arrays.asList(extra));
        return a;
    }

    BronzeToSilverOptions options(String... extra) {
        return BronzeToSilverOptions.parse(Options.parse(args(extra).toArray(String[]::new), Map.of()), SIMULATOR_CREDENTIALS);
    }

    BronzeToSilverJob job(BronzeToSilverOptions o, BronzeInput input) {
        return new BronzeToSilverJob(input,
                new ConfirmedRabbitSink(o.rabbit(), List.of(o.deadLetterQueue()), List.of(), true),
                SilverSinks.jdbc(o), o);
    }

    /** Starts the streaming job from the bronze queue on the shared MiniCluster. */
    JobClient startStreaming(String... extra) throws Exception {
        return startStreaming(new org.apache.flink.configuration.Configuration(), BronzeInput::rabbit, extra);
    }

    /**
     * Starts the streaming job with extra job configuration (restart strategy, a savepoint to restore) and an
     * input built from the options (the RabbitMQ source, possibly wrapped by a test operator).
     */
    JobClient startStreaming(org.apache.flink.configuration.Configuration config,
                             java.util.function.Function<BronzeToSilverOptions, BronzeInput.Raw> input, String... extra) throws Exception {
        return startStreaming(config, FlinkTestCluster.PARALLELISM, input, extra);
    }

    /** As above, at {@code parallelism} (a rescaled restore). */
    JobClient startStreaming(org.apache.flink.configuration.Configuration config, int parallelism,
                             java.util.function.Function<BronzeToSilverOptions, BronzeInput.Raw> input, String... extra) throws Exception {
        BronzeToSilverOptions o = options(extra);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(parallelism);
        env.enableCheckpointing(o.checkpointInterval().toMillis());
        job(o, input.apply(o)).build(env);
        return env.executeAsync("bronze-to-silver-itcase");
    }

    /** Starts a batch re-enrichment of the silver rows the selectors pick; it ends by itself. */
    JobClient startReenrichment(String... selectors) throws Exception {
        List<String> a = new ArrayList<>(List.of("--mode", "batch", "--reenrich"));
        a.addAll(Arrays.asList(selectors));
        BronzeToSilverOptions o = options(a.toArray(String[]::new));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(FlinkTestCluster.PARALLELISM);
        job(o, BronzeInput.reenrich(o)).build(env);
        return env.executeAsync("bronze-to-silver-reenrich-itcase");
    }

    long providerRequests() {
        return simulator.stats().values().stream().mapToLong(s -> s.requests()).sum();
    }

    long providerRequests(ProviderName p) { return simulator.stats(p).requests(); }

    @Override
    public void close() {
        simulator.close();
        redis.close();
        rabbit.close();
        db.close();
    }
}
