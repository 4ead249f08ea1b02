package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.json.Json;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TracklistFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery at parallelism 2 against real RabbitMQ, PostgreSQL and Redis: a failure in the middle of a run and
 * the automatic restart from the last checkpoint, and a stop-with-savepoint plus restore, lose no record and
 * write no duplicate silver row.
 */
class RecoveryITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    /** Real records of two kit sets and one that is not JSON, split in two halves. */
    private static List<String> input() {
        List<String> in = new ArrayList<>();
        TracklistFixtures.load1001(TracklistFixtures.files1001().get(0)).forEach(r -> in.add(Json.write(r.bronze())));
        TracklistFixtures.load1001(TracklistFixtures.files1001().get(2)).forEach(r -> in.add(Json.write(r.bronze())));
        in.add(in.size() / 2, "this is { not json");
        return in;
    }

    private static void publish(Pipeline p, List<String> lines, int from, int to) {
        for (int i = from; i < to; i++) p.rabbit.publish(p.bronzeQueue, lines.get(i), "rec-" + i);
    }

    private static long links(Pipeline p) { return p.db.queryLong("SELECT count(*) FROM silver.bronze_links"); }

    private static Configuration restarts() {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return c;
    }

    /** Waits until every record is in silver or the DLQ and the sinks are quiet; cancels the job; returns the dead letters. */
    private static List<GetResponse> settle(Pipeline p, JobClient job, long records) throws Exception {
        try {
            Await.until("every record in silver or the DLQ", Duration.ofSeconds(60), () -> links(p) + p.rabbit.depth(p.dlq) >= records);
            Await.stable("silver tracks", Duration.ofSeconds(30), () -> p.db.queryLong("SELECT count(*) FROM silver.tracks"));
        } finally {
            job.cancel().get();
        }
        return p.rabbit.drain(p.dlq);
    }

    /** in = silver + dead letters, exactly; one silver row per track id; one playlist row per set position. */
    private static void assertNothingLostNothingDuplicated(Pipeline p, List<String> input, List<GetResponse> dead) {
        List<Validation> checked = input.stream().map(BronzeValidator::validate).toList();
        long valid = checked.stream().filter(Validation::isValid).count();
        Set<String> trackIds = checked.stream().filter(Validation::isValid).map(v -> v.message().trackId()).collect(Collectors.toSet());
        Set<String> bronzeKeys = checked.stream().filter(Validation::isValid).map(v -> v.message().bronzeKey()).collect(Collectors.toSet());
        long deadIds = dead.stream().map(r -> r.getProps().getMessageId()).distinct().count();

        assertThat(links(p) + deadIds).as("in = silver links + distinct dead letters").isEqualTo(input.size());
        assertThat(deadIds).as("only the malformed record is dead-lettered").isEqualTo(input.size() - valid);
        assertThat(links(p)).isEqualTo(bronzeKeys.size());
        assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks")).as("one silver row per track id").isEqualTo(trackIds.size());
        assertThat(p.db.queryLong("SELECT count(DISTINCT track_id) FROM silver.bronze_links")).isEqualTo(trackIds.size());
        assertThat(p.db.queryLong("SELECT count(*) FROM silver.playlist_tracks")).isEqualTo(bronzeKeys.size());
        assertThat(p.db.queryLong("SELECT count(*) FROM bronze.raw_tracks")).isEqualTo(bronzeKeys.size());
        assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE enrichment_status = 'pending'")).isZero();
    }

    /** Fails the job once, on the first record after a checkpoint completed once {@code after} records went by. */
    static final class FailOnce extends RichMapFunction<String, String> implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicInteger OPENED = new AtomicInteger();
        static final AtomicInteger CHECKPOINTS = new AtomicInteger();
        private final int after;
        private transient int seen;

        FailOnce(int after) { this.after = after; }

        @Override public void open(OpenContext ctx) { OPENED.incrementAndGet(); }

        @Override
        public String map(String value) {
            if (++seen > after && CHECKPOINTS.get() > 0 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure after " + after + " records");
            }
            return value;
        }

        @Override public void notifyCheckpointComplete(long checkpointId) { CHECKPOINTS.incrementAndGet(); }
    }

    /** Counts records in operator state, so a restore from a savepoint is visible. */
    static final class Counted extends RichMapFunction<String, String> implements CheckpointedFunction {
        static final AtomicLong RESTORED = new AtomicLong(-1);
        private transient ListState<Long> state;
        private transient long count;

        @Override
        public String map(String value) {
            count++;
            return value;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext ctx) throws Exception { state.update(List.of(count)); }

        @Override
        public void initializeState(FunctionInitializationContext ctx) throws Exception {
            state = ctx.getOperatorStateStore().getListState(new ListStateDescriptor<>("records", Types.LONG));
            if (ctx.isRestored()) {
                for (Long c : state.get()) count += c;
                RESTORED.set(count);
            }
        }
    }

    @Test
    void aFailureMidRunRestartsFromTheLastCheckpointWithoutLossOrDuplicates() throws Exception {
        FailOnce.FAILED.set(false);
        FailOnce.OPENED.set(0);
        FailOnce.CHECKPOINTS.set(0);
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false))) {
            List<String> input = input();
            int half = input.size() / 2;
            JobClient job = p.startStreaming(restarts(), o -> env -> BronzeInput.rabbit(o).open(env)
                    .map(new FailOnce(half / 2)).name("fail-once").uid("fail-once").setParallelism(1));
            publish(p, input, 0, half);
            Await.until("a completed checkpoint", Duration.ofSeconds(30), () -> FailOnce.CHECKPOINTS.get() > 0);
            publish(p, input, half, input.size());
            Await.until("the injected failure", Duration.ofSeconds(30), FailOnce.FAILED::get);
            List<GetResponse> dead = settle(p, job, input.size());

            assertThat(FailOnce.OPENED.get()).as("the job restarted").isGreaterThanOrEqualTo(2);
            assertNothingLostNothingDuplicated(p, input, dead);
        }
    }

    @Test
    void stopWithSavepointAndRestoreLosesNothing(@TempDir Path savepoints) throws Exception {
        Counted.RESTORED.set(-1);
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false))) {
            List<String> input = input();
            int half = input.size() / 2;
            java.util.function.Function<BronzeToSilverOptions, BronzeInput.Raw> counted = o -> env -> BronzeInput.rabbit(o).open(env)
                    .map(new Counted()).name("counted").uid("counted").setParallelism(1);
            JobClient first = p.startStreaming(new Configuration(), counted);
            publish(p, input, 0, half);
            Await.until("part of the first half in silver", Duration.ofSeconds(30), () -> links(p) >= 3);
            long stopping = System.nanoTime();
            String savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);
            System.out.printf("stop-with-savepoint took %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
            assertThat(Files.exists(Path.of(java.net.URI.create(savepoint)))).isTrue();

            Configuration restore = new Configuration();
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            JobClient second = p.startStreaming(restore, counted);
            publish(p, input, half, input.size());
            long settling = System.nanoTime();
            List<GetResponse> dead = settle(p, second, input.size());
            System.out.printf("restored job settled in %d ms%n", (System.nanoTime() - settling) / 1_000_000);

            assertThat(Counted.RESTORED.get()).as("the second job started from the savepoint's state").isPositive();
            assertNothingLostNothingDuplicated(p, input, dead);
        }
    }
}
