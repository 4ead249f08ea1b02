package io.songnodes.e2e;

import io.songnodes.config.Options;
import io.songnodes.flink.rabbit.ConfirmedRabbitSink;
import io.songnodes.jobs.bronzetosilver.BronzeInput;
import io.songnodes.jobs.bronzetosilver.BronzeToSilverJob;
import io.songnodes.jobs.bronzetosilver.BronzeToSilverOptions;
import io.songnodes.jobs.bronzetosilver.SilverSinks;
import io.songnodes.jobs.dlqreplay.DlqReplayJob;
import io.songnodes.jobs.dlqreplay.ReplayCommand;
import io.songnodes.jobs.dlqreplay.flink.DlqReplaySource;
import io.songnodes.jobs.dlqreplay.flink.ReplayAuditLog;
import io.songnodes.jobs.silvertogold.SilverEventsSource;
import io.songnodes.jobs.silvertogold.SilverToGoldConfig;
import io.songnodes.jobs.silvertogold.SilverToGoldJob;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.testing.Await;
import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TestDatabase;
import io.songnodes.testing.TestRabbit;
import io.songnodes.testing.TestRedis;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The monitoring end-to-end run (issue 7): every job on a local cluster with Flink's Prometheus reporter,
 * against the provider simulator with faults, so that the breaker opens and closes, capability 403s and
 * timeouts happen, the DLQ fills, a config reload succeeds and one fails, gold is computed and dlq-replay
 * replays and parks. It writes {@code READY} into its work directory once every family has been fed,
 * then keeps the jobs running (so Prometheus can scrape them) until {@code STOP} appears there.
 * Run through {@code monitoring/e2e/run-pipeline.sh}.
 */
public final class MonitoringScenario {
    private static final Map<String, String> CREDENTIALS = Map.of("SPOTIFY_CLIENT_ID", "e2e", "SPOTIFY_CLIENT_SECRET", "e2e",
            "DISCOGS_TOKEN", "e2e", "LASTFM_API_KEY", "e2e", "BEATPORT_TOKEN", "e2e");
    private static final double SCALE = 10;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/e2e");
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("READY"));
        Files.deleteIfExists(work.resolve("STOP"));
        List<JobClient> jobs = new ArrayList<>();
        try (TestDatabase db = TestDatabase.create(); TestRabbit rabbit = new TestRabbit(); TestRedis redis = new TestRedis();
             ProviderSimulator sim = ProviderSimulator.start(simulator())) {
            String bronze = rabbit.queue("songnodes.bronze.tracks");
            String dlq = rabbit.queue("songnodes.dlq");
            String parking = rabbit.queue("songnodes.dlq.parking");
            String exchange = rabbit.exchange("songnodes.silver.events");
            String goldQueue = rabbit.queue("songnodes.gold.silver-events");
            rabbit.channel().queueBind(goldQueue, exchange, "");
            Path waterfall = work.resolve("waterfall.yaml");
            String goodYaml = scaledWaterfall();
            Files.writeString(waterfall, goodYaml);
            log("database " + db.jdbcUrl() + ", queues " + rabbit.prefix() + "*, simulator " + sim.baseUrl());

            BronzeToSilverOptions b2s = BronzeToSilverOptions.parse(Options.parse(new String[] {
                    "--amqp-uri", TestRabbit.uri(), "--jdbc-url", db.jdbcUrl(), "--bronze-queue", bronze, "--dlq", dlq,
                    "--events-exchange", exchange, "--checkpoint-interval", "1s", "--redis-uri", redis.uri(),
                    "--redis-prefix", redis.prefix(), "--providers-url", sim.baseUrl(), "--waterfall-config", waterfall.toString(),
                    "--config-poll", "500ms", "--sources", "1001tracklists,mixesdb", "--skip-migrations", "--async-timeout", "60s"},
                    Map.of()), CREDENTIALS);
            StreamExecutionEnvironment env = environment();
            env.enableCheckpointing(1_000);
            new BronzeToSilverJob(BronzeInput.rabbit(b2s),
                    new ConfirmedRabbitSink(b2s.rabbit(), List.of(dlq), List.of(), true),
                    SilverSinks.jdbc(b2s), b2s).build(env);
            jobs.add(env.executeAsync("bronze-to-silver"));

            SilverToGoldConfig goldStreaming = SilverToGoldConfig.parse(new String[] {"--mode", "streaming", "--jdbc-url", db.jdbcUrl(),
                    "--amqp-uri", TestRabbit.uri(), "--events-exchange", exchange, "--events-queue", goldQueue}, Map.of());
            StreamExecutionEnvironment goldEnv = environment();
            new SilverToGoldJob(goldStreaming, SilverEventsSource.from(goldStreaming), SilverToGoldJob.deadLetterSink(goldStreaming), new DiscardingSink<>()).build(goldEnv);
            jobs.add(goldEnv.executeAsync("silver-to-gold streaming"));

            // first pass: beatport fails on every call (its breaker opens), spotify audio-features answers 403,
            // last.fm sometimes hangs past the client timeout, and two messages are malformed
            List<String> input = input("a");
            for (int i = 0; i < input.size(); i++) rabbit.publish(bronze, input.get(i), "a-" + i);
            log("published " + input.size() + " records");
            Await.until("first pass in silver or the DLQ", Duration.ofMinutes(5), () ->
                    db.queryLong("SELECT count(*) FROM silver.bronze_links") + rabbit.depth(dlq) >= input.size());
            log("first pass settled: " + db.queryLong("SELECT count(*) FROM silver.bronze_links") + " in silver, " + rabbit.depth(dlq) + " dead letters");

            // a valid reload, then a broken one (refused; the last good config stays)
            Files.writeString(waterfall, goodYaml.replace("min_confidence: 0.80", "min_confidence: 0.81"));
            pause(Duration.ofSeconds(3));
            Files.writeString(waterfall, "fields: { bpm: { providers: [nobody], min_confidence: 2 } }\n");
            pause(Duration.ofSeconds(3));
            Files.writeString(waterfall, goodYaml);

            // the storm ends: beatport's breaker goes half-open and closes; a second pass is mostly cache hits
            sim.retune(sim.tuning().withFaults(List.of()));
            pause(Duration.ofSeconds(12));
            // plays of a song whose first-pass enrichment failed are dead-lettered with that failure (they never settle
            // without a silver row); the replay below enriches them again, so settled means silver or the DLQ
            List<String> again = input("b");
            long dlqBefore = rabbit.depth(dlq);
            long linksBefore = db.queryLong("SELECT count(*) FROM silver.bronze_links");
            for (int i = 0; i < again.size(); i++) rabbit.publish(bronze, again.get(i), "b-" + i);
            Await.until("second pass settled", Duration.ofMinutes(5), () ->
                    db.queryLong("SELECT count(*) FROM silver.bronze_links") - linksBefore + rabbit.depth(dlq) - dlqBefore >= again.size());
            log("second pass settled: " + (db.queryLong("SELECT count(*) FROM silver.bronze_links") - linksBefore)
                    + " in silver, " + (rabbit.depth(dlq) - dlqBefore) + " dead letters");

            // two dead letters already at the replay limit, so the replay also parks
            for (int i = 0; i < 2; i++) {
                DeadLetter d = new DeadLetter("e2e-limit-" + i, ErrorType.CIRCUIT_OPEN, "breaker open", "beatport", "bpm",
                        "bronze-to-silver", 1, 3, Instant.now(), Instant.now(), bronze, input.get(i));
                rabbit.channel().basicPublish("", dlq, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                        .headers(d.amqpHeaders("1001tracklists")).messageId(d.id()).timestamp(new java.util.Date()).build(),
                        Json.writeBytes(d));
            }
            var replay = ReplayCommand.parse(new String[] {"--amqp-uri", TestRabbit.uri(), "--dlq", dlq, "--parking", parking, "--allow-queue", bronze,
                    "--error-type", "circuit_open,provider_transient", "--metrics-linger", "30m", "--progress-every", "5s"},
                    Map.of(), Clock.systemUTC());
            StreamExecutionEnvironment replayEnv = environment(DlqReplayJob.jobConfiguration());
            new DlqReplayJob(new DlqReplaySource(replay), new ReplayAuditLog()).build(replayEnv);
            jobs.add(replayEnv.executeAsync("dlq-replay"));

            SilverToGoldConfig goldBatch = SilverToGoldConfig.parse(new String[] {"--mode", "batch", "--jdbc-url", db.jdbcUrl()}, Map.of());
            StreamExecutionEnvironment batchEnv = environment();
            new SilverToGoldJob(goldBatch, null, null, new DiscardingSink<>()).build(batchEnv);
            batchEnv.execute("silver-to-gold batch");
            log("gold batch done; dlq-replay running; silver " + db.queryLong("SELECT count(*) FROM silver.tracks") + " tracks");

            Files.writeString(work.resolve("READY"), Instant.now().toString());
            log("READY: jobs keep running until " + work.resolve("STOP") + " exists");
            Await.until("STOP", Duration.ofMinutes(30), () -> Files.exists(work.resolve("STOP")));
        } finally {
            for (JobClient j : jobs) {
                try {
                    j.cancel().get();
                } catch (Exception ignored) {
                    // a bounded job may already have finished
                }
            }
            log("stopped");
        }
    }

    /** A local cluster per job with the Prometheus reporter on the shipped port range. */
    private static StreamExecutionEnvironment environment(Configuration base) {
        Configuration c = new Configuration(base);
        c.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        c.setString("metrics.reporter.prom.port", "9249-9260");
        c.setString("metrics.reporter.prom.filterLabelValueCharacters", "false");
        c.setString("metrics.reporter.prom.scope.variables.excludes", "tm_id;task_attempt_id;task_attempt_num;job_id;task_id");
        c.setString("rest.bind-port", "8081-8099");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(2);
        return env;
    }

    private static StreamExecutionEnvironment environment() { return environment(new Configuration()); }

    private static SimulatorConfig simulator() {
        List<CatalogTrack> tracks = new ArrayList<>(CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer")));
        tracks.addAll(Catalog.load(Path.of(System.getProperty("songnodes.demo.catalog", "jobs/bronze-to-silver/demo/catalog.jsonl"))).tracks());
        return SimulatorConfig.builder().port(0).catalog(new Catalog(tracks)).limitScale(SCALE)
                .fault("beatport:5xx:1.0").fault("spotify:403:1.0").fault("lastfm:timeout:0.2").timeoutFaultMs(7_000).build();
    }

    /** The shipped waterfall with every rate scaled like the simulator's limits, so the quotas still bind. */
    private static String scaledWaterfall() throws Exception {
        String yaml = new String(MonitoringScenario.class.getResourceAsStream("/waterfall.yaml").readAllBytes());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("rate: (\\d+)/").matcher(yaml);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, "rate: " + (int) (Integer.parseInt(m.group(1)) * SCALE) + "/");
        m.appendTail(out);
        return out.toString();
    }

    /** The kit's 1001tracklists sets and the demo sets, with set URLs tagged per pass. */
    private static List<String> input(String pass) throws Exception {
        List<String> lines = new ArrayList<>();
        TracklistFixtures.all1001().forEach(r -> lines.add(Json.write(r.bronze()).replace("/tracklist/", "/tracklist/" + pass)));
        for (String l : Files.readAllLines(Path.of(System.getProperty("songnodes.demo.input", "jobs/bronze-to-silver/demo/sample-sets.jsonl")))) {
            if (!l.isBlank()) lines.add(l.replace("/tracklist/", "/tracklist/" + pass).replace("/w/", "/w/" + pass));
        }
        return lines;
    }

    private static void pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        Await.until("pause", d.plusSeconds(5), () -> System.nanoTime() >= end);
    }

    private static void log(String s) { System.out.println("[e2e] " + s); }
}
