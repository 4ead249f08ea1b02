package io.songnodes.tools.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a snapshot: one line per check and an exit code (0 healthy, 1 warning, 2 critical, 3 unknown). The
 * worst check decides; critical outranks unknown, which outranks warning (a container healthcheck only needs
 * non-zero, an operator needs to see "critical" first).
 */
public final class HealthCheck {
    /** A check's verdict, with its exit code. */
    public enum Level {
        OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

        public final int exitCode;

        Level(int exitCode) { this.exitCode = exitCode; }

        int rank() { return switch (this) { case OK -> 0; case WARNING -> 1; case UNKNOWN -> 2; case CRITICAL -> 3; }; }
    }

    /** One check's line. */
    public record Check(String name, Level level, String detail) {
        @Override public String toString() { return String.format(Locale.ROOT, "%-8s %-22s %s", level, name, detail); }
    }

    /** The thresholds, all configurable on the command line. */
    public record Thresholds(Duration checkpointWarn, Duration checkpointCrit, long dlqWarn, long dlqCrit, double budgetWarn) {
        public static final Thresholds DEFAULTS = new Thresholds(Duration.ofMinutes(5), Duration.ofMinutes(15), 100, 500, 0.8);
    }

    private HealthCheck() {}

    public static List<Check> evaluate(OpsSnapshot s, String job, Thresholds t) {
        List<Check> out = new ArrayList<>();
        for (String svc : List.of("postgres", "rabbitmq", "redis")) {
            OpsSnapshot.Service v = s.service(svc);
            out.add(new Check(svc, v != null && v.up() ? Level.OK : Level.CRITICAL, v == null ? "not checked" : (v.up() ? "reachable" : "unreachable: " + v.detail())));
        }
        jobChecks(s, job, t, out);
        dlq(s, t, out);
        breakers(s, out);
        budgets(s, t, out);
        return out;
    }

    public static Level overall(List<Check> checks) {
        Level worst = Level.OK;
        for (Check c : checks) if (c.level().rank() > worst.rank()) worst = c.level();
        return worst;
    }

    /** A streaming job of that name: batch runs (re-enrichment) and the job's own earlier runs do not count. */
    static boolean isStreamingJob(OpsSnapshot.Job j, String prefix) {
        String n = j.name().toLowerCase(Locale.ROOT);
        return n.startsWith(prefix.toLowerCase(Locale.ROOT)) && !n.contains("batch") && !n.contains("reenrich");
    }

    private static void jobChecks(OpsSnapshot s, String job, Thresholds t, List<Check> out) {
        OpsSnapshot.Service flink = s.service("flink");
        if (flink == null || !flink.up()) {
            out.add(new Check(job, Level.UNKNOWN, "Flink REST API unreachable: " + (flink == null ? "not checked" : flink.detail())));
            out.add(new Check("checkpoint age", Level.UNKNOWN, "Flink REST API unreachable"));
            return;
        }
        OpsSnapshot.Job running = s.jobs().stream().filter(j -> isStreamingJob(j, job) && "RUNNING".equals(j.state())).findFirst().orElse(null);
        if (running == null) {
            String seen = s.jobs().stream().filter(j -> isStreamingJob(j, job)).map(j -> j.name() + " " + j.state()).findFirst().orElse("no such job");
            out.add(new Check(job, Level.CRITICAL, "not RUNNING (" + seen + ")"));
            out.add(new Check("checkpoint age", Level.UNKNOWN, "no running " + job));
            return;
        }
        out.add(new Check(job, Level.OK, "RUNNING for " + human(running.uptimeMs()) + " (" + running.name() + ")"));
        Long age = running.lastCheckpointAgeMs();
        if (age == null) {
            Level l = running.uptimeMs() != null && running.uptimeMs() > t.checkpointWarn().toMillis() ? Level.WARNING : Level.OK;
            out.add(new Check("checkpoint age", l, "no completed checkpoint yet (up " + human(running.uptimeMs()) + ")"));
        } else {
            Level l = age > t.checkpointCrit().toMillis() ? Level.CRITICAL : age > t.checkpointWarn().toMillis() ? Level.WARNING : Level.OK;
            out.add(new Check("checkpoint age", l, "last completed " + human(age) + " ago (warn " + human(t.checkpointWarn().toMillis())
                    + ", crit " + human(t.checkpointCrit().toMillis()) + ")"));
        }
    }

    private static void dlq(OpsSnapshot s, Thresholds t, List<Check> out) {
        OpsSnapshot.Queue q = s.queues().stream().filter(x -> x.role().equals("dlq")).findFirst().orElse(null);
        if (q == null) {
            out.add(new Check("dlq depth", Level.UNKNOWN, "RabbitMQ management API unreachable"));
        } else if (!q.exists()) {
            out.add(new Check("dlq depth", Level.WARNING, q.name() + " does not exist (run ./songnodes services)"));
        } else {
            long n = q.messages();
            Level l = n >= t.dlqCrit() ? Level.CRITICAL : n >= t.dlqWarn() ? Level.WARNING : Level.OK;
            out.add(new Check("dlq depth", l, n + " messages in " + q.name() + " (warn " + t.dlqWarn() + ", crit " + t.dlqCrit() + ")"));
        }
    }

    private static void breakers(OpsSnapshot s, List<Check> out) {
        OpsSnapshot.Service m = s.service("metrics");
        if (m == null || !m.up()) {
            out.add(new Check("circuit breakers", Level.UNKNOWN, "no job metrics endpoint answered (" + (m == null ? "not checked" : m.detail()) + ")"));
            return;
        }
        List<String> open = new ArrayList<>();
        List<String> half = new ArrayList<>();
        if (s.providers().stream().allMatch(p -> p.breakerState() == null)) {
            out.add(new Check("circuit breakers", Level.OK, "no running job reports breaker states"));
            return;
        }
        for (OpsSnapshot.Provider p : s.providers()) {
            if (p.breakerState() == null) continue;
            if (p.breakerState() == 2) open.add(p.provider());
            else if (p.breakerState() == 1) half.add(p.provider());
        }
        if (!open.isEmpty()) out.add(new Check("circuit breakers", Level.WARNING, "open: " + String.join(", ", open)));
        else out.add(new Check("circuit breakers", Level.OK, half.isEmpty() ? "all closed" : "half-open: " + String.join(", ", half)));
    }

    private static void budgets(OpsSnapshot s, Thresholds t, List<Check> out) {
        OpsSnapshot.Service redis = s.service("redis");
        if (redis == null || !redis.up()) {
            out.add(new Check("budgets", Level.UNKNOWN, "Redis unreachable"));
            return;
        }
        List<String> warn = new ArrayList<>();
        List<String> spent = new ArrayList<>();
        int withBudget = 0;
        for (OpsSnapshot.Provider p : s.providers()) {
            if (p.budgetUsd() == null || p.spentUsd() == null) continue;
            withBudget++;
            String what = String.format(Locale.ROOT, "%s $%.2f of $%.2f", p.provider(), p.spentUsd(), p.budgetUsd());
            if ("exhausted".equals(p.budgetLevel())) spent.add(what);
            else if (p.budgetUsd() > 0 && p.spentUsd() >= t.budgetWarn() * p.budgetUsd() - 1e-9) warn.add(what);   // 0.04 of 0.05 is 80%
        }
        if (!spent.isEmpty()) out.add(new Check("budgets", Level.CRITICAL, "exhausted (skipped until the 1st): " + String.join(", ", spent)
                + (warn.isEmpty() ? "" : "; over " + pct(t.budgetWarn()) + ": " + String.join(", ", warn))));
        else if (!warn.isEmpty()) out.add(new Check("budgets", Level.WARNING, "over " + pct(t.budgetWarn()) + ": " + String.join(", ", warn)));
        else out.add(new Check("budgets", Level.OK, withBudget == 0 ? "no provider has a monthly budget" : withBudget + " budgets under " + pct(t.budgetWarn())));
    }

    private static String pct(double r) { return Math.round(r * 100) + "%"; }

    static String human(Long ms) {
        if (ms == null) return "?";
        long s = ms / 1000;
        if (s < 120) return s + "s";
        if (s < 7200) return (s / 60) + "m";
        if (s < 172800) return (s / 3600) + "h" + ((s % 3600) / 60) + "m";
        return (s / 86400) + "d";
    }
}
