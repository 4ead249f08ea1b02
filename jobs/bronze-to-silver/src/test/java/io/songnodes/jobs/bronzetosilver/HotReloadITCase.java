package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.enrich.ProviderName;
import io.songnodes.jobs.bronzetosilver.enrich.EnrichFunction;
import io.songnodes.json.Json;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TracklistFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Waterfall hot reload in a running streaming job: a valid change applies without a restart, a broken file is
 * rejected, counted ({@code enrichment_configuration_reload{status}}) and logged, and the job goes on with the
 * last good config.
 */
class HotReloadITCase {
    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension(METRICS.addToConfiguration(new Configuration()), 1);

    /** Counts the watcher's log lines of every subtask (only subtask 0 counts the metric, so it is not summed twice). */
    private static final class ReloadLog extends AbstractAppender {
        final AtomicInteger applied = new AtomicInteger();
        final AtomicInteger rejected = new AtomicInteger();

        ReloadLog() { super("reload-log", null, null, true, Property.EMPTY_ARRAY); }

        @Override
        public void append(LogEvent e) {
            String m = e.getMessage().getFormattedMessage();
            if (m.startsWith("waterfall config") && m.contains(" applied")) applied.incrementAndGet();
            if (m.startsWith("waterfall config") && m.contains(" rejected, keeping the last good one")) rejected.incrementAndGet();
        }

        void attach() {
            start();
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            LoggerConfig logger = new LoggerConfig(EnrichFunction.class.getName(), Level.INFO, false);
            logger.addAppender(this, Level.INFO, null);
            ctx.getConfiguration().addLogger(EnrichFunction.class.getName(), logger);
            ctx.updateLoggers();
        }

        void detach() {
            LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
            ctx.getConfiguration().removeLogger(EnrichFunction.class.getName());
            ctx.updateLoggers();
            stop();
        }
    }

    private static long reloads(JobID job, String status) {
        // by group, not by identifier: the job's sinks register colliding identifiers, which that view refuses
        long n = 0;
        for (Map.Entry<MetricGroup, Map<String, Metric>> e : METRICS.getMetricsByGroup().entrySet()) {
            Map<String, String> labels = e.getKey().getAllVariables();
            Metric m = e.getValue().get("enrichment_configuration_reload");
            if (m != null && job.toString().equals(labels.get("<job_id>")) && status.equals(labels.get("<status>"))) {
                n += ((Counter) m).getCount();
            }
        }
        return n;
    }

    private static List<String> set(int index, int limit) {
        return TracklistFixtures.load1001(TracklistFixtures.files1001().get(index)).stream().limit(limit)
                .map(r -> Json.write(r.bronze())).toList();
    }

    private static Set<String> trackIds(List<String> lines) {
        return lines.stream().map(BronzeValidator::validate).filter(Validation::isValid)
                .filter(v -> !v.message().unidentified()).map(v -> v.message().trackId()).collect(Collectors.toSet());
    }

    private static long links(Pipeline p) { return p.db.queryLong("SELECT count(*) FROM silver.bronze_links"); }

    /** Rows among {@code ids} with at least one field won by {@code provider}. */
    private static long wonBy(Pipeline p, Set<String> ids, String provider) {
        if (ids.isEmpty()) return 0;
        return p.db.queryLong("SELECT count(*) FROM silver.tracks t WHERE track_id IN ("
                + ids.stream().map(i -> "'" + i + "'").collect(Collectors.joining(","))
                + ") AND EXISTS (SELECT 1 FROM jsonb_each(t.provenance) f WHERE f.value ->> 'provider' = '" + provider + "')");
    }

    /** Replaces the file in one step, so the watcher never reads a half-written config. */
    private static void replace(Path file, String yaml) throws Exception {
        Path tmp = Files.createTempFile(file.getParent(), "waterfall-next-", ".yaml");
        Files.writeString(tmp, yaml);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void publish(Pipeline p, List<String> lines, String run) {
        for (int i = 0; i < lines.size(); i++) p.rabbit.publish(p.bronzeQueue, lines.get(i), run + "-" + i);
    }

    @Test
    void aValidChangeAppliesWithoutRestartAndABrokenFileIsRejected() throws Exception {
        ReloadLog log = new ReloadLog();
        log.attach();
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false))) {
            String original = Files.readString(p.waterfall);
            List<String> first = set(0, 13);
            List<String> second = set(2, 15);
            List<String> third = set(1, 15);
            Set<String> firstIds = trackIds(first);
            Set<String> secondIds = trackIds(second);
            secondIds.removeAll(firstIds);
            Set<String> thirdIds = trackIds(third);
            thirdIds.removeAll(firstIds);
            thirdIds.removeAll(secondIds);

            JobClient job = p.startStreaming("--config-poll", "200ms");
            try {
                publish(p, first, "first");
                Await.until("the first set in silver", Duration.ofSeconds(60), () -> links(p) >= first.size());
                long beatport = p.providerRequests(ProviderName.BEATPORT);
                assertThat(beatport).isPositive();
                assertThat(wonBy(p, firstIds, "beatport")).as("beatport wins fields under the first config").isPositive();

                // a valid change: beatport switched off
                String withoutBeatport = original.replaceFirst("(?m)^  beatport:\\n", "  beatport:\n    enabled: false\n");
                assertThat(withoutBeatport).isNotEqualTo(original);
                replace(p.waterfall, withoutBeatport);
                Await.until("both subtasks applied the change", Duration.ofSeconds(20), () -> log.applied.get() == FlinkTestCluster.PARALLELISM);
                Await.until("the reload counted", Duration.ofSeconds(20), () -> reloads(job.getJobID(), "success") == 1);

                publish(p, second, "second");
                Await.until("the second set in silver", Duration.ofSeconds(60), () -> links(p) >= first.size() + second.size());
                assertThat(p.providerRequests(ProviderName.BEATPORT)).as("beatport is not asked any more").isEqualTo(beatport);
                assertThat(wonBy(p, secondIds, "beatport")).isZero();
                assertThat(wonBy(p, secondIds, "spotify")).as("the others still enrich").isPositive();

                // a broken file: rejected, counted and logged; the job goes on with the last good config
                replace(p.waterfall, withoutBeatport.replaceFirst("(?m)^    rate: \\S+", "    rate: as fast as possible"));
                Await.until("both subtasks rejected the file", Duration.ofSeconds(20), () -> log.rejected.get() == FlinkTestCluster.PARALLELISM);
                Await.until("the rejection counted", Duration.ofSeconds(20), () -> reloads(job.getJobID(), "error") == 1);
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);

                publish(p, third, "third");
                Await.until("the third set in silver", Duration.ofSeconds(60),
                        () -> links(p) >= first.size() + second.size() + third.size());
                assertThat(p.providerRequests(ProviderName.BEATPORT)).as("still the last good config").isEqualTo(beatport);
                assertThat(wonBy(p, thirdIds, "beatport")).isZero();
                assertThat(wonBy(p, thirdIds, "spotify")).isPositive();
                assertThat(reloads(job.getJobID(), "success")).isEqualTo(1);
                assertThat(log.applied.get()).isEqualTo(FlinkTestCluster.PARALLELISM);
                assertThat(p.rabbit.depth(p.dlq)).isZero();
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get();
            }
        } finally {
            log.detach();
        }
    }
}
