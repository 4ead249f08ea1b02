package io.songnodes.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.testing.Ports;
import io.songnodes.testing.Await;
import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TestDatabase;
import io.songnodes.testing.TestRabbit;
import io.songnodes.testing.TestRedis;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimulatorConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fault suite on the real cluster: {@code scripts/cluster.sh} starts a JobManager and a supervised TaskManager
 * (separate JVMs, on their own ports and folder), the Flink CLI submits the shaded bronze-to-silver jar, 20,000
 * records stream through it from an isolated queue into an isolated database, and the TaskManager is killed with
 * SIGKILL once about 30% of them are settled. The supervisor starts a new TaskManager, the job restarts from its
 * last checkpoint, and at the end every record is in silver or the DLQ exactly once; the JobManager's REST API
 * answers throughout. It prints the time to recovery.
 */
class TaskManagerKillITCase {
    private static final int RECORDS = 20_000;
    private static final int MALFORMED_EVERY = 1_000;
    private static final Map<String, String> CREDENTIALS = Map.of("SPOTIFY_CLIENT_ID", "fault", "SPOTIFY_CLIENT_SECRET", "fault",
            "DISCOGS_TOKEN", "fault", "LASTFM_API_KEY", "fault", "BEATPORT_TOKEN", "fault");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path root = repositoryRoot();
    private final Path clusterDir = root.resolve("monitoring/e2e/target/fault-cluster");
    private final int restPort = Ports.unused();
    private final int rpcPort = Ports.unused();

    /** Repeat-heavy input: the kit's sets again and again under new set URLs (new bronze rows, the same songs), some malformed. */
    private static List<String> input() {
        List<String> sets = new ArrayList<>();
        for (Path f : TracklistFixtures.files1001().subList(0, 2)) {
            for (var r : TracklistFixtures.load1001(f)) sets.add(Json.write(r.bronze()));
        }
        List<String> out = new ArrayList<>(RECORDS);
        for (int copy = 0; out.size() < RECORDS; copy++) {
            for (String json : sets) {
                if (out.size() == RECORDS) break;
                if ((out.size() + 1) % MALFORMED_EVERY == 0) {
                    out.add("{\"source\": \"1001tracklists\", \"truncated\": " + out.size());
                    continue;
                }
                BronzeRecord b = read(json);
                out.add(json.replace(Json.write(b.sourceUrl()), Json.write(b.sourceUrl() + "?copy=" + copy)));
            }
        }
        return out;
    }

    private static BronzeRecord read(String json) {
        try {
            return Json.read(json, BronzeRecord.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The shipped waterfall at simulator speed: the fault, not the providers' quotas, is what this measures. */
    private static Path fastWaterfall() throws IOException {
        String yaml;
        try (var in = TaskManagerKillITCase.class.getResourceAsStream("/waterfall.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path f = Files.createTempFile("fault-waterfall-", ".yaml");
        Files.writeString(f, yaml.replaceAll("rate: \\S+", "rate: 200/s").replaceAll("burst: \\d+", "burst: 20"));
        f.toFile().deleteOnExit();
        return f;
    }

    @Test
    void aTaskManagerKilledAtAThirdLosesNothing() throws Exception {
        List<String> input = input();
        List<Validation> checked = input.stream().map(BronzeValidator::validate).toList();
        Set<String> bronzeKeys = new HashSet<>();
        Set<String> trackIds = new HashSet<>();
        for (Validation v : checked) {
            if (v.isValid()) {
                bronzeKeys.add(v.message().bronzeKey());
                trackIds.add(v.message().trackId());
            }
        }
        long malformed = checked.stream().filter(v -> !v.isValid()).count();

        ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor();
        try (TestDatabase db = TestDatabase.create(); TestRabbit rabbit = new TestRabbit(); TestRedis redis = new TestRedis();
             ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.builder().port(0).enforceLimits(false)
                     .catalog(new Catalog(CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"))))
                     .build())) {
            String bronze = rabbit.queue("fault.bronze");
            String dlq = rabbit.queue("fault.dlq");
            String events = rabbit.exchange("fault.silver.events");
            cluster("start");
            try {
                String job = submit("--amqp-uri", TestRabbit.uri(), "--jdbc-url", db.jdbcUrl(), "--bronze-queue", bronze, "--dlq", dlq,
                        "--events-exchange", events, "--redis-uri", redis.uri(), "--redis-prefix", redis.prefix(),
                        "--providers-url", sim.baseUrl(), "--waterfall-config", fastWaterfall().toString(), "--checkpoint-interval", "1s", "--prefetch", "5000", "--skip-migrations");
                Await.until("the job running", Duration.ofSeconds(60), () -> allRunning(job));

                // the JobManager's REST API must answer throughout, the kill included
                AtomicLong probes = new AtomicLong();
                AtomicLong failedProbes = new AtomicLong();
                probe.scheduleAtFixedRate(() -> {
                    probes.incrementAndGet();
                    if (get("/overview") == null) failedProbes.incrementAndGet();
                }, 0, 250, TimeUnit.MILLISECONDS);

                long publishStart = System.nanoTime();
                publish(rabbit, bronze, input);
                System.out.printf("[fault] published %,d records (%d malformed) in %.1f s%n", input.size(), malformed, (System.nanoTime() - publishStart) / 1e9);

                Await.until("30% settled", Duration.ofMinutes(5), () -> settled(db, rabbit, dlq) >= RECORDS * 3 / 10);
                long atKill = settled(db, rabbit, dlq);
                String oldTaskManager = taskManagerIds().get(0);
                long pid = Long.parseLong(Files.readString(clusterDir.resolve("run/taskmanager-1.pid")).strip());
                long killed = System.nanoTime();
                ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                System.out.printf("[fault] kill -9 TaskManager pid %d at %,d of %,d settled (%.0f%%)%n", pid, atKill, RECORDS, 100.0 * atKill / RECORDS);

                Await.until("a new TaskManager registered", Duration.ofMinutes(2),
                        () -> taskManagerIds().stream().anyMatch(id -> !id.equals(oldTaskManager)));
                double taskManagerBack = (System.nanoTime() - killed) / 1e9;
                Await.until("the job restarted", Duration.ofMinutes(2), () -> restarts(job) >= 1 && allRunning(job));
                double jobRunning = (System.nanoTime() - killed) / 1e9;
                long runningAgainAt = settled(db, rabbit, dlq);
                Await.until("progress after the restart", Duration.ofMinutes(2), () -> settled(db, rabbit, dlq) > runningAgainAt);
                double progress = (System.nanoTime() - killed) / 1e9;
                JsonNode restored = Json.MAPPER.readTree(get("/jobs/" + job + "/checkpoints")).path("latest").path("restored");
                System.out.printf("[fault] time to recovery: new TaskManager registered %.1f s, job RUNNING again %.1f s, first new silver row %.1f s after the kill%n",
                        taskManagerBack, jobRunning, progress);
                System.out.printf("[fault] restored from checkpoint %s (savepoint: %s)%n", restored.path("id").asText(), restored.path("is_savepoint").asText());
                assertThat(restored.isMissingNode()).as("the job restored from a checkpoint").isFalse();
                assertThat(restored.path("is_savepoint").asBoolean()).isFalse();

                Await.until("every record in silver or the DLQ", Duration.ofMinutes(10), () -> settled(db, rabbit, dlq) >= RECORDS);
                Await.stable("silver", Duration.ofSeconds(30), () -> db.queryLong("SELECT count(*) FROM silver.bronze_links")
                        + db.queryLong("SELECT count(*) FROM silver.tracks") * 1_000_000L + rabbit.depth(dlq) * 1_000_000_000_000L);
                probe.shutdownNow();
                List<GetResponse> dead = rabbit.drain(dlq);
                long deadIds = dead.stream().map(r -> r.getProps().getMessageId()).distinct().count();
                long links = db.queryLong("SELECT count(*) FROM silver.bronze_links");
                Map<String, Long> reasons = new java.util.TreeMap<>();
                for (GetResponse r : dead) {
                    JsonNode envelope = Json.MAPPER.readTree(r.getBody());
                    String reason = envelope.path("error_type").asText() + ": " + envelope.path("reason").asText();
                    reasons.merge(reason.length() > 160 ? reason.substring(0, 160) : reason, 1L, Long::sum);
                }
                reasons.forEach((reason, n) -> System.out.printf("[fault] dead letters %4d  %s%n", n, reason));
                System.out.printf("[fault] in %,d = silver %,d + DLQ %,d (%d dead letters delivered, %d distinct); lost %d; silver tracks %,d for %,d songs; REST probes %d, failed %d%n",
                        RECORDS, links, deadIds, dead.size(), deadIds, RECORDS - links - deadIds,
                        db.queryLong("SELECT count(*) FROM silver.tracks"), trackIds.size(), probes.get(), failedProbes.get());

                assertThat(links + deadIds).as("in = silver + DLQ").isEqualTo(RECORDS);
                assertThat(reasons.entrySet().stream().filter(e -> e.getKey().startsWith("validation")).mapToLong(Map.Entry::getValue).sum())
                        .as("every malformed record is a dead letter").isGreaterThanOrEqualTo(malformed);
                // a record refused by a provider is a dead letter too (by design); every other one is in silver, once
                assertThat(links).as("silver holds only this input's records").isLessThanOrEqualTo(bronzeKeys.size());
                assertThat(db.queryLong("SELECT count(*) FROM bronze.raw_tracks")).isEqualTo(bronzeKeys.size());
                assertThat(db.queryLong("SELECT count(*) FROM silver.tracks")).as("at most one silver row per song").isLessThanOrEqualTo(trackIds.size());
                assertThat(failedProbes.get()).as("the JobManager's REST API answered throughout").isZero();
                cancel(job);
            } finally {
                probe.shutdownNow();
                cluster("stop");
            }
        }
    }

    private static long settled(TestDatabase db, TestRabbit rabbit, String dlq) {
        return db.queryLong("SELECT count(*) FROM silver.bronze_links") + rabbit.depth(dlq);
    }

    private static void publish(TestRabbit rabbit, String queue, List<String> input) throws Exception {
        var ch = rabbit.channel();
        for (int i = 0; i < input.size(); i++) {
            AMQP.BasicProperties p = new AMQP.BasicProperties.Builder().correlationId("fault-" + i).deliveryMode(2)
                    .timestamp(new java.util.Date()).contentType("application/json").build();
            ch.basicPublish("", queue, p, input.get(i).getBytes(StandardCharsets.UTF_8));
            if (i % 500 == 499) ch.waitForConfirmsOrDie(30_000);
        }
        ch.waitForConfirmsOrDie(30_000);
    }

    // ---- the real cluster, through the project's own scripts

    private ProcessBuilder script(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("scripts/cluster.sh").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("SONGNODES_CLUSTER_DIR", clusterDir.toString());
        env.put("SONGNODES_REST_PORT", String.valueOf(restPort));
        env.put("SONGNODES_RPC_PORT", String.valueOf(rpcPort));
        env.put("SONGNODES_TM_MEMORY", "1536m");
        env.put("SONGNODES_JM_MEMORY", "1024m");
        env.putAll(CREDENTIALS); // the TaskManagers' environment: provider credentials reach the jobs from there
        return pb;
    }

    private String run(String... args) throws IOException, InterruptedException {
        Process p = script(args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        System.out.print(out.lines().filter(l -> l.startsWith("[cluster]") || l.startsWith("  ")).map(l -> l + "\n").reduce("", String::concat));
        if (rc != 0) throw new IllegalStateException("cluster.sh " + String.join(" ", args) + " exited " + rc + ":\n" + out);
        return out;
    }

    private void cluster(String command) throws IOException, InterruptedException { run(command); }

    private String submit(String... jobArgs) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("flink", "run", "-d", root.resolve("jobs/bronze-to-silver/target/bronze-to-silver.jar").toString()));
        a.addAll(List.of(jobArgs));
        String out = run(a.toArray(String[]::new));
        Matcher m = Pattern.compile("JobID ([0-9a-f]{32})").matcher(out);
        if (!m.find()) throw new IllegalStateException("no JobID in the CLI's output:\n" + out);
        return m.group(1);
    }

    private void cancel(String job) throws IOException, InterruptedException { run("flink", "cancel", job); }

    private String get(String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + restPort + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private JsonNode json(String path) {
        String body = get(path);
        try {
            return body == null ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    private boolean allRunning(String job) {
        JsonNode j = json("/jobs/" + job);
        if (!"RUNNING".equals(j.path("state").asText())) return false;
        for (JsonNode v : j.path("vertices")) if (!"RUNNING".equals(v.path("status").asText())) return false;
        return j.path("vertices").size() > 0;
    }

    private long restarts(String job) {
        JsonNode m = json("/jobs/" + job + "/metrics?get=numRestarts");
        return m.size() == 0 ? 0 : m.get(0).path("value").asLong();
    }

    private List<String> taskManagerIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode tm : json("/taskmanagers").path("taskmanagers")) ids.add(tm.path("id").asText());
        return ids;
    }

    private static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("scripts/cluster.sh"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("not inside the repository");
        return p;
    }
}
