package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.GetResponse;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.flink.rabbit.ConfirmedRabbitSink;
import io.songnodes.flink.rabbit.RabbitSettings;
import io.songnodes.flink.rabbit.RawMessageSchema;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.PlaylistRef;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TestDatabase;
import io.songnodes.testing.TestRabbit;
import io.songnodes.testing.TracklistFixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.rabbitmq.RMQSource;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BronzeToSilverITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    private TestDatabase db;
    private TestRabbit rabbit;
    private String bronzeQueue;
    private String dlq;

    @BeforeEach
    void setUp() {
        db = TestDatabase.create();
        rabbit = new TestRabbit();
        bronzeQueue = rabbit.queue("songnodes.bronze.tracks");
        dlq = rabbit.queue("songnodes.dlq");
    }

    @AfterEach
    void tearDown() {
        rabbit.close();
        db.close();
    }

    /** Real rows of two 1001tracklists sets and a MixesDB mix, one song played in a second set, and two bad messages. */
    private static List<String> input() {
        List<String> in = new ArrayList<>();
        TracklistFixtures.load1001(TracklistFixtures.files1001().get(0)).forEach(r -> in.add(Json.write(r.bronze())));
        TracklistFixtures.load1001(TracklistFixtures.files1001().get(2)).forEach(r -> in.add(Json.write(r.bronze())));
        TracklistFixtures.loadMixesDb().stream().limit(25).forEach(b -> in.add(Json.write(b)));
        BronzeRecord first = TracklistFixtures.load1001(TracklistFixtures.files1001().get(0)).get(0).bronze();
        in.add(Json.write(new BronzeRecord("mixesdb", "https://www.mixesdb.com/w/2019-08-01_-_Other_Set", null,
                "Cosmic Gate", "Come With Me (Extended Mix)", new PlaylistRef(null, "Other Set", "Someone", null, "2019-08-01", 7, null),
                null, first.scrapedAt(), "test")));
        in.add("this is { not json");
        in.add(Json.write(first).replace("\"title\":\"Come With Me\",", ""));
        return in;
    }

    private JobClient start() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(FlinkTestCluster.PARALLELISM);
        env.enableCheckpointing(500);
        BronzeToSilverOptions options = new BronzeToSilverOptions(new RabbitSettings(TestRabbit.uri()), db.jdbcUrl(),
                bronzeQueue, dlq, 1_000, Duration.ofMillis(500), Set.of("1001tracklists", "mixesdb"), false);
        new BronzeToSilverJob(
                new RMQSource<>(options.rabbit().sourceConfig(options.prefetch()), bronzeQueue, true, new RawMessageSchema()),
                new ConfirmedRabbitSink(options.rabbit(), List.of(dlq), List.of(), true),
                SilverSinks.jdbc(db.jdbcUrl()), options).build(env);
        return env.executeAsync("bronze-to-silver-itcase");
    }

    /**
     * Publishes the input, runs the job until every record is in silver or the DLQ, cancels it and returns
     * the dead letters. The source acks on checkpoints, so a record handled after the last checkpoint can be
     * handled again by the next run: sinks are idempotent, and the DLQ repeats only the same envelope id.
     */
    private List<GetResponse> runOnce(List<String> input, int run, long expectedLinks, long expectedDeadLetters) throws Exception {
        for (int i = 0; i < input.size(); i++) rabbit.publish(bronzeQueue, input.get(i), "run" + run + "-" + i);
        JobClient job = start();
        try {
            Await.until("all records in silver or the DLQ", Duration.ofSeconds(90), () ->
                    db.queryLong("SELECT count(*) FROM silver.bronze_links") == expectedLinks
                            && rabbit.depth(dlq) >= expectedDeadLetters
                            && db.queryLong("SELECT count(*) FROM silver.playlist_tracks") == expectedLinks
                            && db.queryLong("SELECT count(*) FROM bronze.raw_tracks") == expectedLinks);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": links=" + db.queryLong("SELECT count(*) FROM silver.bronze_links")
                    + " playlist_tracks=" + db.queryLong("SELECT count(*) FROM silver.playlist_tracks")
                    + " bronze=" + db.queryLong("SELECT count(*) FROM bronze.raw_tracks") + " dlq=" + rabbit.depth(dlq)
                    + " expected links=" + expectedLinks + " dead=" + expectedDeadLetters, e);
        } finally {
            job.cancel().get();
        }
        List<GetResponse> dead = rabbit.drain(dlq);
        assertThat(dead.stream().map(r -> r.getProps().getMessageId()).distinct().count()).isEqualTo(expectedDeadLetters);
        return dead;
    }

    @Test
    void recordsLandInSilverOrTheDlqExactlyOnceAndReplaysDuplicateNothing() throws Exception {
        List<String> input = input();
        List<Validation> validations = input.stream().map(BronzeValidator::validate).toList();
        Set<String> bronzeKeys = validations.stream().filter(Validation::isValid).map(v -> v.message().bronzeKey()).collect(Collectors.toSet());
        Set<String> trackIds = validations.stream().filter(Validation::isValid).map(v -> v.message().trackId()).collect(Collectors.toSet());
        assertThat(bronzeKeys).hasSize(input.size() - 2);

        List<GetResponse> dead = runOnce(input, 1, bronzeKeys.size(), 2);

        // in = silver + dead letters, exactly (dead letters counted by envelope id)
        long silverLinks = db.queryLong("SELECT count(*) FROM silver.bronze_links");
        long deadLetters = dead.stream().map(r -> r.getProps().getMessageId()).distinct().count();
        assertThat(silverLinks + deadLetters).isEqualTo(input.size());
        assertThat(db.queryLong("SELECT count(*) FROM silver.tracks")).isEqualTo(trackIds.size());
        // the Justice set plays three songs twice or more: fewer tracks than plays
        assertThat(trackIds.size()).isLessThan(bronzeKeys.size());

        // two sets that played the same song: one silver row, two playlist entries
        String comeWithMe = BronzeValidator.validate(input.get(0)).message().trackId();
        assertThat(db.queryLong("SELECT count(*) FROM silver.tracks WHERE track_id = '" + comeWithMe + "'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(DISTINCT playlist_id) FROM silver.playlist_tracks WHERE track_id = '" + comeWithMe + "'")).isEqualTo(2);
        assertThat(db.queryLong("SELECT count(*) FROM silver.tracks WHERE enrichment_status = 'unidentified'")).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM silver.tracks WHERE enrichment_status NOT IN ('pending', 'unidentified')")).isZero();

        for (GetResponse r : dead) {
            DeadLetter d = Json.read(TestRabbit.body(r), DeadLetter.class);
            assertThat(d.errorType().wireName()).isEqualTo("validation");
            assertThat(d.originalQueue()).isEqualTo(bronzeQueue);
            assertThat(d.job()).isEqualTo("bronze-to-silver");
            assertThat(input).contains(d.payload());
            assertThat(r.getProps().getHeaders()).containsKeys(DeadLetter.H_ERROR_TYPE, DeadLetter.H_REPLAY_COUNT,
                    DeadLetter.H_ORIGINAL_QUEUE, DeadLetter.H_FIRST_FAILED_AT);
            assertThat(r.getProps().getHeaders().get(DeadLetter.H_ERROR_TYPE).toString()).isEqualTo("validation");
            assertThat(r.getProps().getTimestamp()).isNotNull();
            assertThat(r.getProps().getMessageId()).isEqualTo(d.id());
        }
        List<String> reasons = new ArrayList<>();
        for (GetResponse r : dead) reasons.add(Json.read(TestRabbit.body(r), DeadLetter.class).reason());
        assertThat(reasons).anyMatch(r -> r.startsWith("not valid JSON")).contains("missing field 'title'");

        // the same input again: nothing new in silver or bronze
        long tracksBefore = db.queryLong("SELECT count(*) FROM silver.tracks");
        long playlistsBefore = db.queryLong("SELECT count(*) FROM silver.playlists");
        List<GetResponse> deadAgain = runOnce(input, 2, bronzeKeys.size(), 2);
        assertThat(db.queryLong("SELECT count(*) FROM silver.tracks")).isEqualTo(tracksBefore);
        assertThat(db.queryLong("SELECT count(*) FROM silver.playlists")).isEqualTo(playlistsBefore);
        assertThat(db.queryLong("SELECT count(*) FROM silver.bronze_links")).isEqualTo(bronzeKeys.size());
        // the re-sent dead letters carry the same envelope ids, so a consumer can drop them
        Set<String> secondIds = deadAgain.stream().map(r -> r.getProps().getMessageId()).collect(Collectors.toSet());
        assertThat(secondIds).isEqualTo(dead.stream().map(r -> r.getProps().getMessageId()).collect(Collectors.toSet()));
    }
}
