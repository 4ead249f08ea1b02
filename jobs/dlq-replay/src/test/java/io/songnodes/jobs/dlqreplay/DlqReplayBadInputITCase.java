package io.songnodes.jobs.dlqreplay;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.jobs.dlqreplay.BadEnvelopes.Input;
import io.songnodes.jobs.dlqreplay.BadEnvelopes.Kind;
import io.songnodes.jobs.dlqreplay.DlqFixture.Stored;
import io.songnodes.jobs.dlqreplay.flink.DlqReplaySource;
import io.songnodes.jobs.dlqreplay.replay.ReplayConfig;
import io.songnodes.jobs.dlqreplay.replay.ReplayStatus;
import io.songnodes.jobs.dlqreplay.replay.ReplayTally;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TestRabbit;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Corrupt envelopes through dlq-replay (MiniCluster, parallelism 2; the job has no restart strategy, so one failure
 * would fail the run): every message ends in exactly one queue, and each one left in the DLQ is there once, unchanged,
 * with an error naming the field and the rule.
 */
class DlqReplayBadInputITCase {
    static final long SEED = 61220L;
    static final int MESSAGES = 400;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkTestCluster.extension();

    @Test
    void corruptEnvelopesStayInTheDlqOnceEachNamingTheirFieldAndTheRunNeverFails() throws Exception {
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            String notAllowed = rabbit.queue("not-allowed");
            List<Input> inputs = BadEnvelopes.generate(SEED, MESSAGES, f.bronze, notAllowed);
            Map<Kind, Integer> perKind = new EnumMap<>(Kind.class);
            inputs.forEach(in -> perKind.merge(in.kind(), 1, Integer::sum));
            assertThat(perKind.keySet()).containsExactlyInAnyOrder(Kind.values());
            for (Input in : inputs) rabbit.channel().basicPublish("", f.dlq, in.props(), in.body());
            rabbit.channel().waitForConfirmsOrDie(60_000);

            ReplayConfig cfg = ReplayCommand.parse(new String[] {"--amqp-uri", TestRabbit.uri(), "--dlq", f.dlq, "--parking", f.parking,
                    "--allow-queue", f.bronze, "--metrics-linger", "0s", "--batch-size", "50"}, Map.of(), Clock.systemUTC());
            // restart strategy none: a single task failure fails execute()
            JobExecutionResult result = DlqReplayJobITCase.run(cfg);
            ReplayTally t = result.getAccumulatorResult(DlqReplaySource.ACCUMULATOR);

            long atLimit = inputs.stream().filter(in -> in.kind() == Kind.AT_LIMIT).count();
            long replayable = inputs.stream().filter(in -> in.kind().valid()).count() - atLimit;
            long corrupt = MESSAGES - replayable - atLimit;
            assertThat(t.count(ReplayStatus.REPLAYED)).isEqualTo(replayable);
            assertThat(t.count(ReplayStatus.PARKED)).isEqualTo(atLimit);
            assertThat(t.count(ReplayStatus.ERROR)).isEqualTo(corrupt);
            assertThat(t.examined()).isEqualTo(MESSAGES);

            // each error names its field: grouped by the field the detail starts with, the counts are the generated ones
            Map<String, Long> expectedPerField = new HashMap<>();
            inputs.stream().filter(in -> !in.kind().valid()).forEach(in -> expectedPerField.merge(in.kind().field, 1L, Long::sum));
            Map<String, Long> errorsPerField = new HashMap<>();
            t.errors().forEach((detail, n) -> errorsPerField.merge(field(detail), n, Long::sum));
            assertThat(errorsPerField).isEqualTo(expectedPerField);

            // exactly one place each: DLQ (unchanged bytes), original queue, parking lot
            Map<String, Input> byBody = new HashMap<>();
            for (Input in : inputs) byBody.put(Arrays.toString(in.body()), in);
            List<Stored> left = f.browse(f.dlq);
            Map<Integer, Integer> leftPerInput = new HashMap<>();
            for (Stored s : left) {
                Input in = byBody.get(Arrays.toString(s.body()));
                assertThat(in).as("a DLQ message that is byte for byte one of the inputs").isNotNull();
                assertThat(in.kind().valid()).isFalse();
                leftPerInput.merge(in.index(), 1, Integer::sum);
            }
            assertThat(leftPerInput.values()).allMatch(n -> n == 1);
            assertThat(left).hasSize((int) corrupt);
            Map<String, Integer> replayed = DlqFixture.idCounts(f.drain(f.bronze));
            Map<String, Integer> parked = DlqFixture.idCounts(f.drain(f.parking));
            for (Input in : inputs) {
                boolean limit = in.kind() == Kind.AT_LIMIT;
                boolean replay = in.kind().valid() && !limit;
                assertThat(replayed.getOrDefault(in.id(), 0)).as(in.kind() + " " + in.id() + " replayed").isEqualTo(replay ? 1 : 0);
                assertThat(parked.getOrDefault(in.id(), 0)).as(in.kind() + " " + in.id() + " parked").isEqualTo(limit ? 1 : 0);
            }
            assertThat(rabbit.depth(notAllowed)).isZero();
            System.out.printf("dlq-replay bad input: %d messages, %d classes (%d corrupt), %d replayed, %d parked, %d left in the DLQ with a reason, 0 failed runs%n",
                    MESSAGES, Kind.values().length, Kind.values().length - 4, replayable, atLimit, corrupt);
            errorsPerField.forEach((field, n) -> System.out.printf("  %-18s %4d%n", field, n));
        }
    }

    /** The field an error detail names: "not a dead-letter envelope: FIELD: rule", or "FIELD '...' is not allowed". */
    private static String field(String detail) {
        String d = detail.startsWith("not a dead-letter envelope: ") ? detail.substring("not a dead-letter envelope: ".length()) : detail;
        int end = 0;
        while (end < d.length() && (Character.isLetter(d.charAt(end)) || d.charAt(end) == '_')) end++;
        return d.substring(0, end);
    }
}
