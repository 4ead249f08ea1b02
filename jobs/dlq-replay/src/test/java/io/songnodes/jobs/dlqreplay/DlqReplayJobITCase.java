package io.songnodes.jobs.dlqreplay;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.jobs.dlqreplay.DlqFixture.Stored;
import io.songnodes.jobs.dlqreplay.flink.DlqReplaySource;
import io.songnodes.jobs.dlqreplay.flink.ReplayAuditLog;
import io.songnodes.jobs.dlqreplay.replay.ReplayConfig;
import io.songnodes.jobs.dlqreplay.replay.ReplayStatus;
import io.songnodes.jobs.dlqreplay.replay.ReplayTally;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.testing.TestRabbit;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole job on a MiniCluster (parallelism 2) against real RabbitMQ, with 1000 mixed dead letters. */
class DlqReplayJobITCase {
    static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(METRICS.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final int N = 1000;

    static ReplayConfig config(DlqFixture f, String... extra) {
        List<String> args = new ArrayList<>(List.of("--amqp-uri", TestRabbit.uri(), "--dlq", f.dlq, "--parking", f.parking, "--allow-queue", f.bronze, "--progress-every", "1s",
                "--metrics-linger", "0s"));
        args.addAll(List.of(extra));
        return ReplayCommand.parse(args.toArray(String[]::new), Map.of(), Clock.systemUTC());
    }

    static StreamExecutionEnvironment env(ReplayConfig cfg) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(DlqReplayJob.jobConfiguration());
        env.setParallelism(2);
        new DlqReplayJob(new DlqReplaySource(cfg), new ReplayAuditLog()).build(env);
        return env;
    }

    static JobExecutionResult run(ReplayConfig cfg) throws Exception {
        return env(cfg).execute("dlq-replay-test");
    }

    @Test
    void replayOfOneErrorTypeMovesExactlyThoseAndParksTheOnesAtTheLimit() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            List<DeadLetter> seeded = f.seed(N);
            List<Stored> before = f.browse(f.dlq);
            ReplayConfig cfg = config(f, "--error-type", "provider_transient");

            JobExecutionResult result = run(cfg);

            Map<String, DeadLetter> toReplay = seeded.stream().filter(d -> d.errorType() == ErrorType.PROVIDER_TRANSIENT && d.replayCount() < 3)
                    .collect(Collectors.toMap(DeadLetter::id, d -> d));
            Set<String> toPark = seeded.stream().filter(d -> d.errorType() == ErrorType.PROVIDER_TRANSIENT && d.replayCount() >= 3)
                    .map(DeadLetter::id).collect(Collectors.toSet());
            assertThat(toReplay).hasSizeGreaterThan(300);
            assertThat(toPark).hasSizeGreaterThan(30);

            List<Stored> replayed = f.drain(f.bronze);
            assertThat(replayed).hasSize(toReplay.size());
            assertThat(replayed).allSatisfy(s -> assertThat(s.envelope()).isEqualTo(toReplay.get(s.envelope().id()).replayed()));
            assertThat(replayed).allSatisfy(s -> assertThat(s.props().getHeaders().get(DeadLetter.H_REPLAY_COUNT))
                    .isEqualTo(toReplay.get(s.envelope().id()).replayCount() + 1));
            List<Stored> parked = f.drain(f.parking);
            assertThat(parked).extracting(s -> s.envelope().id()).containsExactlyInAnyOrderElementsOf(toPark);
            List<Stored> left = f.browse(f.dlq);
            assertThat(left.stream().map(Stored::key).toList()).containsExactlyElementsOf(before.stream()
                    .filter(s -> s.envelope().errorType() != ErrorType.PROVIDER_TRANSIENT).map(Stored::key).toList());
            assertThat(replayed.size() + parked.size() + left.size()).isEqualTo(N);

            ReplayTally t = result.getAccumulatorResult(DlqReplaySource.ACCUMULATOR);
            assertThat(t.count(ReplayStatus.REPLAYED)).isEqualTo(toReplay.size());
            assertThat(t.count(ReplayStatus.PARKED)).isEqualTo(toPark.size());
            assertThat(t.count(ReplayStatus.SKIPPED)).isEqualTo(left.size());
            assertThat(t.count(ReplayStatus.ERROR)).isZero();
            assertThat(t.depthAtStart()).isEqualTo(N);
            assertThat(replayCounters(result, f.dlq)).containsEntry("replayed", (long) toReplay.size()).containsEntry("parked", (long) toPark.size())
                    .containsEntry("skipped", (long) left.size()).containsEntry("error", 0L);
            assertThat(DlqReplayJob.report(cfg, result)).contains("dlq-replay summary").contains(String.format("replayed  %8d", toReplay.size()));
        }
    }

    @Test
    void aDryRunLeavesAllThreeQueuesByteForByteAndPrintsTheCounts() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            List<DeadLetter> seeded = f.seed(N);
            // something already in the other two queues, which must stay as it is too
            for (int i = 0; i < 5; i++) rabbit.publish(f.bronze, "{\"bronze\":" + i + "}", "b" + i);
            for (int i = 0; i < 3; i++) rabbit.publish(f.parking, "{\"parked\":" + i + "}", "p" + i);
            Map<String, List<String>> before = snapshot(f);
            ReplayConfig cfg = config(f, "--dry-run", "--error-type", "provider_transient");

            JobExecutionResult result = run(cfg);

            assertThat(snapshot(f)).isEqualTo(before);
            // a dry run moves nothing, so the dashboards' replay counters stay at zero
            assertThat(replayCounters(result, f.dlq)).hasSize(4).allSatisfy((status, n) -> assertThat(n).isZero());
            List<DeadLetter> matching = seeded.stream().filter(d -> d.errorType() == ErrorType.PROVIDER_TRANSIENT).toList();
            long wouldReplay = matching.stream().filter(d -> d.replayCount() < 3).count();
            long wouldPark = matching.size() - wouldReplay;
            String report = DlqReplayJob.report(cfg, result);
            System.out.println(report);
            assertThat(report).contains("DRY RUN").contains(String.format("would be replayed  %8d", wouldReplay))
                    .contains(String.format("would be parked    %8d", wouldPark))
                    .contains(String.format("provider_transient           %8d %8d %8d", wouldReplay, wouldPark, 0));
            Map<String, Long> replaysByProvider = matching.stream().filter(d -> d.replayCount() < 3)
                    .collect(Collectors.groupingBy(d -> d.provider() == null ? "(none)" : d.provider(), Collectors.counting()));
            replaysByProvider.forEach((p, n) -> assertThat(report).containsPattern("\\n    " + java.util.regex.Pattern.quote(p) + " +" + n + " "));
            long musicbrainzCalls = replaysByProvider.getOrDefault("musicbrainz", 0L) + replaysByProvider.getOrDefault("(none)", 0L);
            assertThat(report).containsPattern("musicbrainz +" + musicbrainzCalls + " calls at 1.0/s");
        }
    }

    @Test
    void aRunCancelledMidwayAndRunAgainLosesNothing() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            List<DeadLetter> seeded = f.seed(N);
            JobClient job = env(config(f, "--rate", "250")).executeAsync("dlq-replay-killed");
            DlqFixture.await("a third of the replays", Duration.ofSeconds(60), () -> rabbit.depth(f.bronze) >= 300);
            job.cancel().get();
            DlqFixture.await("the job to be cancelled", Duration.ofSeconds(30), () -> job.getJobStatus().join() == JobStatus.CANCELED);
            long afterKill = rabbit.depth(f.bronze);
            assertThat(afterKill).isLessThan(N - N / 10);

            run(config(f));

            assertThat(rabbit.depth(f.dlq)).isZero();
            Map<String, Integer> inBronze = DlqFixture.idCounts(f.drain(f.bronze));
            Map<String, Integer> inParking = DlqFixture.idCounts(f.drain(f.parking));
            Map<String, Integer> dups = new HashMap<>();
            for (DeadLetter d : seeded) {
                if (d.replayCount() >= 3) {
                    assertThat(inParking.get(d.id())).isEqualTo(1);
                    assertThat(inBronze).doesNotContainKey(d.id());
                } else {
                    assertThat(inBronze).containsKey(d.id());
                    assertThat(inParking).doesNotContainKey(d.id());
                    if (inBronze.get(d.id()) > 1) dups.put(d.id(), inBronze.get(d.id()));
                }
            }
            assertThat(inBronze.size() + inParking.size()).isEqualTo(N);
            System.out.println("kill test: " + afterKill + " replayed before the cancel, duplicates after the re-run: " + dups.size());
        }
    }

    /** The job as its own process (main, local environment), SIGKILLed mid-run: no shutdown hook, no close, no cancel. */
    @Test
    void aProcessKilledMidRunAndRunAgainLosesNothing() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            List<DeadLetter> seeded = f.seed(N);
            Set<String> matching = seeded.stream().filter(d -> d.errorType() == ErrorType.PROVIDER_TRANSIENT).map(DeadLetter::id).collect(Collectors.toSet());
            java.nio.file.Path log = java.nio.file.Files.createTempFile("dlq-replay-killed", ".log");
            Process p = new ProcessBuilder("java", "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), DlqReplayJob.class.getName(),
                    "--amqp-uri", TestRabbit.uri(), "--dlq", f.dlq, "--parking", f.parking, "--allow-queue", f.bronze, "--error-type", "provider_transient", "--rate", "150",
                    "--metrics-linger", "0s")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                DlqFixture.await("the first replays of the child process", Duration.ofSeconds(120), () -> rabbit.depth(f.bronze) >= 100);
            } finally {
                p.destroyForcibly().waitFor();
            }
            long afterKill = rabbit.depth(f.bronze);
            // the broker hands the dead connection's unacked messages back: then every message is ready somewhere again
            DlqFixture.await("the killed run's unacked messages to return", Duration.ofSeconds(30),
                    () -> rabbit.depth(f.dlq) + rabbit.depth(f.bronze) + rabbit.depth(f.parking) >= N);
            assertThat(afterKill).isLessThan(matching.size() - matching.size() / 10);

            run(config(f, "--error-type", "provider_transient"));

            Map<String, Integer> inDlq = DlqFixture.idCounts(f.drain(f.dlq));
            Map<String, Integer> inBronze = DlqFixture.idCounts(f.drain(f.bronze));
            Map<String, Integer> inParking = DlqFixture.idCounts(f.drain(f.parking));
            long dups = 0;
            for (DeadLetter d : seeded) {
                String id = d.id();
                if (!matching.contains(id)) {
                    assertThat(inDlq.get(id)).as("left in the DLQ once: " + id).isEqualTo(1);
                    assertThat(inBronze).doesNotContainKey(id);
                    assertThat(inParking).doesNotContainKey(id);
                } else if (d.replayCount() >= 3) {
                    assertThat(inParking.get(id)).as("parked once: " + id).isEqualTo(1);
                    assertThat(inDlq).doesNotContainKey(id);
                    assertThat(inBronze).doesNotContainKey(id);
                } else {
                    assertThat(inBronze).containsKey(id);
                    assertThat(inDlq).doesNotContainKey(id);
                    assertThat(inParking).doesNotContainKey(id);
                    dups += inBronze.get(id) - 1;
                }
            }
            assertThat(inDlq.size() + inBronze.size() + inParking.size()).isEqualTo(N);
            System.out.println("SIGKILL test: " + afterKill + " replayed before the kill, same-id duplicates after the re-run: " + dups);
        }
    }

    /** dlq_replay_total by status, as registered (queue then status groups, base name dlq_replay) for {@code dlq}. */
    private static Map<String, Long> replayCounters(JobExecutionResult result, String dlq) {
        Map<String, Long> out = new HashMap<>();
        METRICS.getMetricsByGroup().forEach((group, metrics) -> {
            Map<String, String> vars = group.getAllVariables();
            if (metrics.get("dlq_replay") instanceof Counter c && result.getJobID().toString().equals(vars.get("<job_id>"))
                    && dlq.equals(vars.get("<queue>"))) {
                out.put(vars.get("<status>"), c.getCount());
            }
        });
        return out;
    }

    /** Every message of the three queues, in order, body and properties. */
    private static Map<String, List<String>> snapshot(DlqFixture f) {
        return Map.of("dlq", keys(f.browse(f.dlq)), "bronze", keys(f.browse(f.bronze)), "parking", keys(f.browse(f.parking)));
    }

    private static List<String> keys(List<Stored> s) { return s.stream().map(Stored::key).toList(); }
}
