package io.songnodes.jobs.silvertogold;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.songnodes.jobs.silvertogold.BadSilverEvents.Input;
import io.songnodes.jobs.silvertogold.BadSilverEvents.Kind;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TestDatabase;
import io.songnodes.testing.TestRabbit;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Adversarial silver events through silver-to-gold at parallelism 2, from RabbitMQ: the job never restarts, every
 * event ends in exactly one place (a gold refresh or the DLQ), and each dead letter is there once, naming its field.
 */
class SilverToGoldBadInputITCase {
    static final long SEED = 20261206L;
    static final int MESSAGES = 500;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = FlinkTestCluster.extension();

    /** Requests refreshed, and writer starts: 2 at the first start, 2 more for every restart. */
    static final AtomicInteger REFRESHED = new AtomicInteger();
    static final AtomicInteger WRITERS = new AtomicInteger();

    @Test
    void badEventsBecomeDeadLettersOnceEachAndTheJobNeverRestarts() throws Exception {
        List<Input> inputs = BadSilverEvents.generate(SEED, MESSAGES);
        Map<Kind, Integer> perKind = new EnumMap<>(Kind.class);
        inputs.forEach(in -> perKind.merge(in.kind(), 1, Integer::sum));
        assertThat(perKind.keySet()).containsExactlyInAnyOrder(Kind.values());
        long valid = inputs.stream().filter(in -> in.kind().valid()).count();

        try (TestDatabase db = TestDatabase.create(); TestRabbit rabbit = new TestRabbit()) {
            poisonGold(db, inputs);
            String exchange = rabbit.exchange("silver.events");
            String queue = rabbit.queue("gold.silver-events");
            rabbit.channel().queueBind(queue, exchange, "");
            String dlq = rabbit.queue("dlq");
            SilverToGoldConfig cfg = SilverToGoldConfig.parse(new String[] {"--mode", "streaming", "--jdbc-url", db.jdbcUrl(),
                    "--amqp-uri", TestRabbit.uri(), "--events-exchange", exchange, "--events-queue", queue, "--dlq", dlq,
                    "--checkpoint-interval", "1s", "--stats-interval", "5s"}, Map.of());
            Configuration conf = new Configuration();
            // a failure would restart the job (and be counted), not end the test early
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1_000);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(100));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(FlinkTestCluster.PARALLELISM);
            REFRESHED.set(0);
            WRITERS.set(0);
            new SilverToGoldJob(cfg, SilverEventsSource.from(cfg), SilverToGoldJob.deadLetterSink(cfg), new CountingSink()).build(env);
            JobClient job = env.executeAsync("silver-to-gold bad input");
            try {
                for (Input in : inputs) {
                    AMQP.BasicProperties p = new AMQP.BasicProperties.Builder().correlationId(in.correlationId()).deliveryMode(2).build();
                    rabbit.channel().basicPublish(exchange, "", p, in.body());
                }
                rabbit.channel().waitForConfirmsOrDie(30_000);

                // settled, not acked: every event refreshed or dead-lettered, and the count stays put
                Await.until("every event in gold or the DLQ", Duration.ofSeconds(180), () -> REFRESHED.get() + rabbit.depth(dlq) >= MESSAGES);
                long settled = Await.stable("settled events", Duration.ofSeconds(60), () -> REFRESHED.get() + rabbit.depth(dlq));
                Await.until("every event acked", Duration.ofSeconds(60), () -> TestRabbit.messages(queue) == 0);
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
                int restarts = WRITERS.get() / FlinkTestCluster.PARALLELISM - 1;

                List<GetResponse> dead = rabbit.drain(dlq);
                Map<String, Input> byPayload = new HashMap<>();
                for (Input in : inputs) byPayload.put(Base64.getEncoder().encodeToString(in.body()), in);
                Map<Integer, Integer> deadPerInput = new TreeMap<>();
                Map<Kind, Integer> deadPerKind = new EnumMap<>(Kind.class);
                for (GetResponse r : dead) {
                    DeadLetter d = Json.read(TestRabbit.body(r), DeadLetter.class);
                    byte[] original = d.payloadIsBase64() ? Base64.getDecoder().decode(d.payload()) : d.payload().getBytes(StandardCharsets.UTF_8);
                    Input in = byPayload.get(Base64.getEncoder().encodeToString(original));
                    assertThat(in).as("dead letter traces back to one input, bytes intact: " + d.reason()).isNotNull();
                    assertThat(in.kind().valid()).as("a valid event was dead-lettered: " + d.reason()).isFalse();
                    assertThat(d.reason()).as(in.kind() + " names its field").contains(in.kind().field);
                    assertThat(d.errorType()).isEqualTo(in.kind() == Kind.REFRESH_REFUSED ? ErrorType.SINK : ErrorType.VALIDATION);
                    assertThat(d.originalQueue()).isEqualTo(queue);
                    assertThat(d.payloadIsBase64()).isEqualTo(in.kind() == Kind.NOT_UTF8);
                    deadPerInput.merge(in.index(), 1, Integer::sum);
                    deadPerKind.merge(in.kind(), 1, Integer::sum);
                }
                assertThat(deadPerInput.values()).as("each dead letter once").allMatch(n -> n == 1);
                assertThat(dead).hasSize((int) (MESSAGES - valid));
                assertThat(REFRESHED.get()).isEqualTo((int) valid);
                assertThat(settled).isEqualTo(MESSAGES);
                assertThat(restarts).isZero();
                System.out.printf("silver-to-gold bad input: %d messages, %d classes (%d bad), %d refreshed, %d dead letters, %d restarts%n",
                        MESSAGES, Kind.values().length, Kind.values().length - 4, REFRESHED.get(), dead.size(), restarts);
                deadPerKind.forEach((k, n) -> System.out.printf("  %-28s %4d dead letters%n", k, n));
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Silver rows for the poison tracks, and a CHECK on gold that refuses them: a refusal caused by data alone. */
    private static void poisonGold(TestDatabase db, List<Input> inputs) throws Exception {
        try (Connection c = db.connect(); var s = c.createStatement()) {
            for (Input in : inputs) {
                if (in.kind() != Kind.REFRESH_REFUSED) continue;
                String id = BadSilverEvents.POISON_PREFIX + in.index();
                s.executeUpdate("INSERT INTO silver.tracks (track_id, artist, title, artist_normalized, title_normalized, enrichment_status)"
                        + " VALUES ('" + id + "', 'Poison', 'POISON " + in.index() + "', 'poison', 'poison', 'completed')");
            }
            s.executeUpdate("ALTER TABLE gold.track_analytics ADD CONSTRAINT no_poison CHECK (title NOT LIKE 'POISON%')");
        }
    }

    /** Counts refreshed requests; a new writer means a (re)start. */
    static final class CountingSink implements Sink<Integer> {
        @Override
        @SuppressWarnings("deprecation")
        public SinkWriter<Integer> createWriter(InitContext context) { return writer(); }

        @Override
        public SinkWriter<Integer> createWriter(WriterInitContext context) { return writer(); }

        private static SinkWriter<Integer> writer() {
            WRITERS.incrementAndGet();
            return new SinkWriter<>() {
                @Override public void write(Integer rows, Context context) { REFRESHED.incrementAndGet(); }

                @Override public void flush(boolean endOfInput) {}

                @Override public void close() {}
            };
        }
    }
}
