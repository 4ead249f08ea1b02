package io.songnodes.tools.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.tools.ops.HealthCheck.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
    static final HealthCheck.Thresholds T = HealthCheck.Thresholds.DEFAULTS;

    /** A healthy pipeline; tests change one thing each. */
    static final class Snap {
        Map<String, OpsSnapshot.Service> services = new LinkedHashMap<>(Map.of(
                "postgres", up(), "rabbitmq", up(), "redis", up(), "flink", up(), "metrics", up()));
        List<OpsSnapshot.Job> jobs = new ArrayList<>(List.of(job("bronze-to-silver streaming", "RUNNING", 600_000L, 2_000L)));
        long dlq = 3;
        List<OpsSnapshot.Provider> providers = new ArrayList<>(List.of(provider("spotify", 0, null, null, null), provider("musicbrainz", 0, 0.01, 0.05, "ok")));

        OpsSnapshot build() {
            return new OpsSnapshot(Instant.EPOCH, services, jobs, List.of(new OpsSnapshot.Queue("dlq", "songnodes.dlq", true, dlq, 0L, 0.0, 0.0)),
                    providers, new OpsSnapshot.Lag(null, null, null, null));
        }

        List<HealthCheck.Check> checks() { return HealthCheck.evaluate(build(), "bronze-to-silver", T); }

        Level overall() { return HealthCheck.overall(checks()); }

        Level check(String name) { return checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().level(); }
    }

    static OpsSnapshot.Service up() { return new OpsSnapshot.Service(true, "ok"); }

    static OpsSnapshot.Job job(String name, String state, Long uptime, Long checkpointAge) {
        return new OpsSnapshot.Job("id", name, state, uptime, checkpointAge == null ? null : 1L, checkpointAge, 1L, 0L);
    }

    static OpsSnapshot.Provider provider(String id, Integer breaker, Double spent, Double budget, String level) {
        return new OpsSnapshot.Provider(id, breaker, 0.1, 10.0, 0.9, 0.0, 10L, 0L, spent == null ? 0.0 : spent, budget, level == null ? "none" : level);
    }

    @Test
    void aHealthyPipelineExitsZeroWithOneLinePerCheck() {
        Snap s = new Snap();
        assertThat(s.overall()).isEqualTo(Level.OK);
        assertThat(s.checks()).extracting(HealthCheck.Check::name).containsExactly("postgres", "rabbitmq", "redis", "bronze-to-silver",
                "checkpoint age", "dlq depth", "circuit breakers", "budgets");
        assertThat(Level.OK.exitCode).isZero();
    }

    @Test
    void aStoppedOrMissingStreamingJobIsCriticalAndABatchRunDoesNotCount() {
        Snap s = new Snap();
        s.jobs = List.of(job("bronze-to-silver streaming", "CANCELED", 1000L, null), job("bronze-to-silver batch", "RUNNING", 10L, null));
        assertThat(s.check("bronze-to-silver")).isEqualTo(Level.CRITICAL);
        assertThat(s.overall().exitCode).isEqualTo(2);
        s.jobs = List.of();
        assertThat(s.overall()).isEqualTo(Level.CRITICAL);
    }

    @Test
    void checkpointAgeWarnsThenGoesCritical() {
        Snap s = new Snap();
        s.jobs = List.of(job("bronze-to-silver (demo)", "RUNNING", 3_600_000L, Duration.ofMinutes(6).toMillis()));
        assertThat(s.check("checkpoint age")).isEqualTo(Level.WARNING);
        assertThat(s.overall().exitCode).isEqualTo(1);
        s.jobs = List.of(job("bronze-to-silver (demo)", "RUNNING", 3_600_000L, Duration.ofMinutes(16).toMillis()));
        assertThat(s.check("checkpoint age")).isEqualTo(Level.CRITICAL);
        s.jobs = List.of(job("bronze-to-silver (demo)", "RUNNING", 10_000L, null));
        assertThat(s.check("checkpoint age")).as("just started").isEqualTo(Level.OK);
        s.jobs = List.of(job("bronze-to-silver (demo)", "RUNNING", 3_600_000L, null));
        assertThat(s.check("checkpoint age")).as("up an hour without a checkpoint").isEqualTo(Level.WARNING);
    }

    @Test
    void dlqDepthFollowsTheThresholds() {
        Snap s = new Snap();
        s.dlq = 99;
        assertThat(s.check("dlq depth")).isEqualTo(Level.OK);
        s.dlq = 100;
        assertThat(s.check("dlq depth")).isEqualTo(Level.WARNING);
        s.dlq = 500;
        assertThat(s.check("dlq depth")).isEqualTo(Level.CRITICAL);
        assertThat(HealthCheck.evaluate(s.build(), "bronze-to-silver", new HealthCheck.Thresholds(Duration.ofMinutes(5), Duration.ofMinutes(15), 600, 1000, 0.8))
                .stream().filter(c -> c.name().equals("dlq depth")).findFirst().orElseThrow().level()).as("configured thresholds").isEqualTo(Level.OK);
    }

    @Test
    void anOpenBreakerWarnsAndBudgetsWarnAtEightyPercentAndAreCriticalWhenSpent() {
        Snap s = new Snap();
        s.providers = List.of(provider("beatport", 2, null, null, null));
        assertThat(s.check("circuit breakers")).isEqualTo(Level.WARNING);
        s.providers = List.of(provider("musicbrainz", 0, 0.04, 0.05, "warning"));
        assertThat(s.check("budgets")).isEqualTo(Level.WARNING);
        s.providers = List.of(provider("musicbrainz", 0, 0.05, 0.05, "exhausted"));
        assertThat(s.check("budgets")).isEqualTo(Level.CRITICAL);
        assertThat(s.overall().exitCode).isEqualTo(2);
    }

    @Test
    void unreachableServicesAreCriticalAndUnanswerableChecksUnknown() {
        Snap s = new Snap();
        s.services.put("metrics", new OpsSnapshot.Service(false, "0 of 12 endpoints answered"));
        assertThat(s.check("circuit breakers")).isEqualTo(Level.UNKNOWN);
        assertThat(s.overall().exitCode).isEqualTo(3);
        s.services.put("redis", new OpsSnapshot.Service(false, "Connection refused"));
        assertThat(s.check("redis")).isEqualTo(Level.CRITICAL);
        assertThat(s.overall().exitCode).as("critical outranks unknown").isEqualTo(2);
        Snap f = new Snap();
        f.services.put("flink", new OpsSnapshot.Service(false, "localhost:8081 unreachable"));
        assertThat(f.check("bronze-to-silver")).isEqualTo(Level.UNKNOWN);
    }
}
