package io.songnodes.jobs.silvertogold;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import io.songnodes.analytics.GoldSnapshot;
import io.songnodes.analytics.KitSilver;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.model.SilverEvent;
import io.songnodes.testing.TestDatabase;
import io.songnodes.testing.TestRabbit;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streaming incremental gold equals batch gold, row for row on every gold table, for the same silver:
 * the kit's real sets loaded set by set with events, then later enrichments, a relinked row and a track
 * found to be unidentified. Reruns of either mode change nothing.
 */
class SilverToGoldITCase {
    private static final int PARALLELISM = 2;

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    /** Silver writes in the order bronze-to-silver would make them, each followed by its event. */
    private final List<SilverEvent> published = new ArrayList<>();

    @Test
    void streamingGoldEqualsBatchGoldAndRerunsChangeNothing() throws Exception {
        KitSilver kit = KitSilver.all();
        try (TestDatabase batchDb = TestDatabase.create(); TestDatabase streamDb = TestDatabase.create(); TestRabbit rabbit = new TestRabbit()) {
            // batch: the final silver, recomputed twice
            applySilver(kit, batchDb, null, null);
            runBatch(batchDb);
            Map<String, List<String>> batchGold = GoldSnapshot.of(batchDb);
            assertThat(batchGold.values()).allSatisfy(rows -> assertThat(rows).isNotEmpty());
            assertThat(batchGold.get("gold.track_transitions")).hasSizeGreaterThan(100);
            runBatch(batchDb);
            assertThat(GoldSnapshot.of(batchDb)).isEqualTo(batchGold);

            // streaming: follow events while silver is built up and changed
            String exchange = rabbit.exchange("silver.events");
            String queue = rabbit.adopt(rabbit.prefix() + "gold.silver-events");
            rabbit.channel().queueDeclare(queue, true, false, false, Map.of());
            rabbit.channel().queueBind(queue, exchange, "");
            String dlq = rabbit.queue("dlq");
            JobClient job = startStreaming(streamDb, exchange, queue, dlq);
            try {
                applySilver(kit, streamDb, rabbit, exchange);
                publishRaw(rabbit, exchange, "{not json"); // a bad event is logged and skipped, not fatal
                awaitEqual(batchGold, () -> GoldSnapshot.of(streamDb));
                io.songnodes.testing.Await.until("the malformed event in the DLQ", Duration.ofSeconds(60), () -> rabbit.depth(dlq) == 1);
                DeadLetter dead = Json.read(TestRabbit.body(rabbit.drain(dlq).get(0)), DeadLetter.class);
                assertThat(dead.payload()).isEqualTo("{not json");
                assertThat(dead.errorType()).isEqualTo(ErrorType.VALIDATION);
                assertThat(dead.originalQueue()).isEqualTo(queue);

                // every event again, then one change per refresh subtask: once those show, the duplicates are applied
                for (SilverEvent e : List.copyOf(published)) publish(rabbit, exchange, e);
                List<String> sentinels = sentinelTracks(kit);
                for (TestDatabase db : List.of(batchDb, streamDb)) {
                    try (Connection c = db.connect()) {
                        for (String id : sentinels) {
                            KitSilver.Track t = kit.tracks().get(id);
                            KitSilver.upsertTrack(c, t.withAudio(t.bpm(), t.musicalKey(), t.energy() - 0.05));
                        }
                    }
                }
                for (String id : sentinels) publish(rabbit, exchange, new SilverEvent(id, List.of(), Instant.now()));
                runBatch(batchDb);
                Map<String, List<String>> finalGold = GoldSnapshot.of(batchDb);
                assertThat(finalGold).isNotEqualTo(batchGold);
                awaitEqual(finalGold, () -> GoldSnapshot.of(streamDb));
            } finally {
                job.cancel().get();
            }
        }
    }

    /**
     * Loads the kit set by set (tracks, then rows, then one event per track), then: three tracks get
     * new audio features, one row of a set is relinked to another track, one track turns out unidentified.
     */
    private void applySilver(KitSilver kit, TestDatabase db, TestRabbit rabbit, String exchange) throws Exception {
        try (Connection c = db.connect()) {
            for (KitSilver.Playlist p : kit.playlists().values()) {
                for (KitSilver.Entry e : p.entries()) KitSilver.upsertTrack(c, kit.tracks().get(e.trackId()));
                KitSilver.upsertPlaylist(c, p, p.entries());
                if (rabbit != null) {
                    for (String t : p.entries().stream().map(KitSilver.Entry::trackId).distinct().toList()) {
                        publish(rabbit, exchange, new SilverEvent(t, List.of(p.playlistId()), Instant.now()));
                    }
                }
            }
            for (String title : List.of("Light Years", "Come With Me", "Magnetfluss")) {
                KitSilver.Track t = kit.tracks().get(kit.idOf(title));
                KitSilver.upsertTrack(c, t.withAudio(Objects.requireNonNullElse(t.bpm(), 126.0) + 3, "Db major", 0.42));
                if (rabbit != null) publish(rabbit, exchange, new SilverEvent(t.trackId(), List.of(), Instant.now()));
            }
            KitSilver.Playlist hardwell = kit.playlists().values().stream().filter(p -> "Hardwell".equals(p.dj())).findFirst().orElseThrow();
            KitSilver.Entry moved = hardwell.entries().get(5);
            String newTrack = kit.idOf("Light Years");
            KitSilver.upsertPlaylist(c, hardwell, List.of(new KitSilver.Entry(moved.bronzeKey(), moved.position(), moved.cue(), newTrack)));
            if (rabbit != null) publish(rabbit, exchange, new SilverEvent(newTrack, List.of(hardwell.playlistId()), Instant.now()));
            KitSilver.Track lost = kit.tracks().get(kit.idOf("Need To Feel Loved"));
            try (var s = c.createStatement()) {
                s.executeUpdate("UPDATE silver.tracks SET enrichment_status = 'unidentified' WHERE track_id = '" + lost.trackId() + "'");
            }
            if (rabbit != null) publish(rabbit, exchange, new SilverEvent(lost.trackId(), List.of(), Instant.now()));
        }
    }

    /** Two identified tracks with an energy, one routed to each refresh subtask. */
    private static List<String> sentinelTracks(KitSilver kit) {
        String[] bySubtask = new String[PARALLELISM];
        for (KitSilver.Track t : kit.tracks().values()) {
            if (t.energy() == null || !"completed".equals(t.status()) || t.title().contains("Need To Feel Loved")) continue;
            int subtask = KeyGroupRangeAssignment.assignKeyToParallelOperator(t.trackId(), 128, PARALLELISM);
            if (bySubtask[subtask] == null) bySubtask[subtask] = t.trackId();
        }
        return List.of(bySubtask);
    }

    private static SilverToGoldConfig config(TestDatabase db, String... extra) {
        List<String> args = new ArrayList<>(List.of("--jdbc-url", db.jdbcUrl(), "--amqp-uri", TestRabbit.uri(), "--checkpoint-interval", "1s", "--stats-interval", "1s"));
        args.addAll(List.of(extra));
        return SilverToGoldConfig.parse(args.toArray(String[]::new), Map.of());
    }

    private static void runBatch(TestDatabase db) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        new SilverToGoldJob(config(db, "--mode", "batch"), null, null, new DiscardingSink<>()).build(env);
        env.execute("silver-to-gold batch test");
    }

    private static JobClient startStreaming(TestDatabase db, String exchange, String queue, String dlq) throws Exception {
        SilverToGoldConfig cfg = config(db, "--mode", "streaming", "--events-exchange", exchange, "--events-queue", queue, "--dlq", dlq);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(PARALLELISM);
        new SilverToGoldJob(cfg, SilverEventsSource.from(cfg), SilverToGoldJob.deadLetterSink(cfg), new DiscardingSink<>()).build(env);
        return env.executeAsync("silver-to-gold streaming test");
    }

    private void publish(TestRabbit rabbit, String exchange, SilverEvent e) throws Exception {
        published.add(e);
        publishRaw(rabbit, exchange, Json.write(e));
    }

    private static void publishRaw(TestRabbit rabbit, String exchange, String body) throws Exception {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().correlationId(UUID.randomUUID().toString()).deliveryMode(2)
                .timestamp(new java.util.Date()).contentType("application/json").build();
        rabbit.channel().basicPublish(exchange, "", props, body.getBytes(StandardCharsets.UTF_8));
        rabbit.channel().waitForConfirmsOrDie(10_000);
    }

    /** Polls until {@code actual} equals {@code expected}; on timeout, asserts so the diff is shown. */
    private static void awaitEqual(Map<String, List<String>> expected, Supplier<Map<String, List<String>>> actual) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Map<String, List<String>> last = actual.get();
        while (!last.equals(expected) && Instant.now().isBefore(deadline)) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(250).toNanos()); // polling interval, not a timing assumption
            last = actual.get();
        }
        for (String table : expected.keySet()) {
            assertThat(last.get(table)).as(table).containsExactlyElementsOf(expected.get(table));
        }
    }
}
