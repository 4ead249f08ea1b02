package io.songnodes.tools.ops;

import java.util.Locale;
import java.util.Map;

/** The text of {@code songnodes status}: services, jobs, queues, providers and lag, one table each. */
public final class StatusView {
    private StatusView() {}

    public static String render(OpsSnapshot s) {
        StringBuilder b = new StringBuilder();
        b.append("SongNodes status at ").append(s.at()).append('\n');
        b.append("services:");
        for (Map.Entry<String, OpsSnapshot.Service> e : s.services().entrySet()) {
            b.append(' ').append(e.getKey()).append(e.getValue().up() ? " up" : " DOWN");
        }
        b.append('\n');
        s.services().forEach((k, v) -> {
            if (!v.up()) b.append("  ").append(k).append(": ").append(v.detail()).append('\n');
        });

        b.append("\njobs (Flink)\n");
        b.append(String.format(Locale.ROOT, "  %-36s %-10s %10s %16s %8s%n", "name", "state", "uptime", "last checkpoint", "cp ok/fail"));
        if (s.jobs().isEmpty()) b.append("  (none)\n");
        for (OpsSnapshot.Job j : s.jobs()) {
            b.append(String.format(Locale.ROOT, "  %-36s %-10s %10s %16s %8s%n", cut(j.name(), 36), j.state(), HealthCheck.human(j.uptimeMs()),
                    j.lastCheckpointAgeMs() == null ? "-" : HealthCheck.human(j.lastCheckpointAgeMs()) + " ago",
                    j.checkpointsCompleted() == null ? "-" : j.checkpointsCompleted() + "/" + j.checkpointsFailed()));
        }

        b.append("\nqueues (RabbitMQ)\n");
        b.append(String.format(Locale.ROOT, "  %-9s %-32s %10s %9s %9s %9s%n", "role", "queue", "depth", "in/s", "out/s", "consumers"));
        for (OpsSnapshot.Queue q : s.queues()) {
            if (!q.exists()) {
                b.append(String.format(Locale.ROOT, "  %-9s %-32s %10s%n", q.role(), cut(q.name(), 32), "missing"));
                continue;
            }
            b.append(String.format(Locale.ROOT, "  %-9s %-32s %10d %9.1f %9.1f %9d%n", q.role(), cut(q.name(), 32), q.messages(),
                    q.inPerSecond(), q.outPerSecond(), q.consumers()));
        }

        b.append("\nproviders (jobs' metrics since start; spend from Redis, this month UTC)\n");
        b.append(String.format(Locale.ROOT, "  %-12s %-9s %10s %9s %8s %8s %8s %22s%n", "provider", "breaker", "quota used", "cache hit",
                "errors", "calls", "budget", "spend / budget"));
        for (OpsSnapshot.Provider p : s.providers()) {
            String spend = p.spentUsd() == null ? "?" : String.format(Locale.ROOT, "$%.2f / %s%s", p.spentUsd(),
                    p.budgetUsd() == null ? "none" : String.format(Locale.ROOT, "$%.2f", p.budgetUsd()),
                    "warning".equals(p.budgetLevel()) ? " !" : "exhausted".equals(p.budgetLevel()) ? " SPENT" : "");
            b.append(String.format(Locale.ROOT, "  %-12s %-9s %10s %9s %8s %8s %8s %22s%n", p.provider(), p.breakerName(),
                    pct(p.quotaUsed()), pct(p.cacheHitRatio()), pct(p.errorRate()), p.calls() == null ? "?" : p.calls(),
                    p.budgetSkips() == null ? "?" : p.budgetSkips(), spend));
        }

        OpsSnapshot.Lag l = s.lag();
        b.append("\nmedallion lag\n");
        b.append(String.format(Locale.ROOT, "  bronze->silver p95 %s, silver->gold p95 %s; newest bronze row %s ago, newest silver change %s ago%n",
                secs(l.bronzeToSilverP95Seconds()), secs(l.silverToGoldP95Seconds()), secs(l.newestBronzeAgeSeconds()), secs(l.newestSilverAgeSeconds())));
        return b.toString();
    }

    private static String pct(Double r) { return r == null ? "?" : String.format(Locale.ROOT, "%.0f%%", r * 100); }

    private static String secs(Double s) { return s == null ? "?" : HealthCheck.human(Math.round(s * 1000)); }

    private static String cut(String s, int n) { return s.length() <= n ? s : s.substring(0, n - 1) + "…"; }
}
