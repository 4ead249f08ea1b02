package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TracklistFixtures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Savepoint upgrades as the README describes them, with the cluster's {@code pipeline.auto-generate-uids: false}:
 * a savepoint of one build restores into a changed build (an operator added), and a savepoint taken at
 * parallelism 2 restores at 1 and at 3. The coalescing state (keyed by track id) must follow: a song
 * enriched before the savepoint is not sent to a provider again after the restore.
 */
class SavepointUpgradeITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension(new Configuration(), 2);

    /** The kit set, its source URL made unique per pass: new bronze rows, the same songs. */
    private static List<String> pass(int n) {
        List<String> out = new ArrayList<>();
        for (var r : TracklistFixtures.load1001(TracklistFixtures.files1001().get(0))) {
            BronzeRecord b = r.bronze();
            out.add(Json.write(b).replace(Json.write(b.sourceUrl()), Json.write(b.sourceUrl() + "?pass=" + n)));
        }
        return out;
    }

    private static Configuration config(String savepoint) {
        Configuration c = new Configuration();
        c.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        if (savepoint != null) c.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        return c;
    }

    private static long links(Pipeline p) { return p.db.queryLong("SELECT count(*) FROM silver.bronze_links"); }

    /** Publishes one pass and waits until every record of it is in silver or the DLQ. */
    private static void run(Pipeline p, int n, long before) throws Exception {
        List<String> records = pass(n);
        for (int i = 0; i < records.size(); i++) p.rabbit.publish(p.bronzeQueue, records.get(i), "pass-" + n + "-" + i);
        Await.until("pass " + n + " in silver or the DLQ", Duration.ofSeconds(90),
                () -> links(p) + p.rabbit.depth(p.dlq) >= before + records.size());
        Await.stable("silver tracks", Duration.ofSeconds(20), () -> p.db.queryLong("SELECT count(*) FROM silver.tracks"));
    }

    /** Drops the provider cache, so only the coalescing state can keep a known song from the providers. */
    private static void forgetCache(Pipeline p) {
        var jedis = p.redis.jedis();
        String cursor = redis.clients.jedis.params.ScanParams.SCAN_POINTER_START;
        do {
            var r = jedis.scan(cursor, new redis.clients.jedis.params.ScanParams().match(p.redis.prefix() + "*").count(500));
            if (!r.getResult().isEmpty()) jedis.del(r.getResult().toArray(String[]::new));
            cursor = r.getCursor();
        } while (!cursor.equals(redis.clients.jedis.params.ScanParams.SCAN_POINTER_START));
    }

    private static String stop(JobClient job, Path dir) throws Exception {
        return job.stopWithSavepoint(false, dir.toUri().toString(), SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
    }

    /** The job as built, or with an operator added after the source (a compatible change). */
    private static Function<BronzeToSilverOptions, BronzeInput.Raw> build(boolean upgraded) {
        return o -> env -> {
            var source = BronzeInput.rabbit(o).open(env);
            return upgraded ? source.map(String::strip).name("strip").uid("strip").setParallelism(1) : source;
        };
    }

    @Test
    void aSavepointOfOneBuildRestoresIntoABuildWithAnAddedOperator(@TempDir Path savepoints) throws Exception {
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false))) {
            JobClient v1 = p.startStreaming(config(null), FlinkTestCluster.PARALLELISM, build(false));
            run(p, 1, 0);
            long requests = p.providerRequests();
            assertThat(requests).as("the first pass asked the providers").isPositive();
            String savepoint = stop(v1, savepoints);
            forgetCache(p);

            JobClient v2 = p.startStreaming(config(savepoint), FlinkTestCluster.PARALLELISM, build(true));
            run(p, 2, links(p) + p.rabbit.depth(p.dlq));
            v2.cancel().get();
            assertThat(p.providerRequests()).as("the coalescing state came through the upgrade: no song enriched twice").isEqualTo(requests);
            assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE enrichment_status = 'pending'")).isZero();

            // the control: the same build started without the savepoint has no state and asks the providers again
            forgetCache(p);
            JobClient fresh = p.startStreaming(config(null), FlinkTestCluster.PARALLELISM, build(true));
            run(p, 3, links(p) + p.rabbit.depth(p.dlq));
            fresh.cancel().get();
            System.out.printf("provider requests: %d after the first pass, %d after the restored pass, %d after a pass without the savepoint%n",
                    requests, requests, p.providerRequests());
            assertThat(p.providerRequests()).as("without the savepoint the songs are enriched again").isGreaterThan(requests);
        }
    }

    @Test
    void aSavepointAtParallelismTwoRestoresAtOneAndAtThree(@TempDir Path savepoints) throws Exception {
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false))) {
            JobClient job = p.startStreaming(config(null), 2, build(false));
            run(p, 1, 0);
            long requests = p.providerRequests();
            long tracks = p.db.queryLong("SELECT count(*) FROM silver.tracks");
            int n = 1;
            for (int parallelism : new int[] {1, 3}) {
                String savepoint = stop(job, savepoints);
                forgetCache(p);
                job = p.startStreaming(config(savepoint), parallelism, build(false));
                run(p, ++n, links(p) + p.rabbit.depth(p.dlq));
                System.out.printf("restored at parallelism %d: %d provider requests in total (%d before the first savepoint)%n",
                        parallelism, p.providerRequests(), requests);
                assertThat(p.providerRequests()).as("at parallelism %d every song is still known as enriched", parallelism).isEqualTo(requests);
            }
            job.cancel().get();
            assertThat(links(p) + p.rabbit.depth(p.dlq)).as("in = silver + DLQ over three passes").isEqualTo(3L * pass(1).size());
            assertThat(p.db.queryLong("SELECT count(DISTINCT track_id) FROM silver.bronze_links WHERE track_id LIKE 'trk_%'"))
                    .isEqualTo(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE track_id LIKE 'trk_%'"));
            assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE track_id LIKE 'trk_%'"))
                    .as("identified songs are the same in every pass").isLessThanOrEqualTo(tracks);
        }
    }

    @Test
    void anOperatorWithoutAUidFailsAtSubmit() throws Exception {
        try (Pipeline p = new Pipeline(sim -> { })) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config(null));
            BronzeToSilverOptions o = p.options();
            p.job(o, (BronzeInput.Raw) e -> BronzeInput.rabbit(o).open(e).map(String::strip)).build(env);
            assertThatThrownBy(env::getStreamGraph).hasMessageContaining("UID");

            StreamExecutionEnvironment ok = StreamExecutionEnvironment.getExecutionEnvironment(config(null));
            p.job(o, BronzeInput.rabbit(o)).build(ok);
            assertThat(ok.getStreamGraph().getStreamNodes()).isNotEmpty();
            assertThat(ok.getConfig().getMaxParallelism()).as("max parallelism is pinned").isEqualTo(BronzeToSilverJob.MAX_PARALLELISM);
        }
    }
}
