package io.songnodes.jobs.dlqreplay.replay;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text an operator reads at the end of a run (and before a real one, from {@code --dry-run}): counts by status,
 * error type, provider and field, and the provider calls and time the replayed records will cost downstream.
 */
public final class ReplayReport {
    private ReplayReport() {}

    /**
     * Estimated provider calls of re-enriching the replayed records: one call to the provider named in the envelope;
     * a record without a provider (validation, sink, internal) is re-enriched from scratch, up to one call per provider.
     * Cache hits make the real number lower, so this is an upper bound.
     */
    public static Map<String, Long> estimatedCalls(ReplayTally t, ProviderLimits limits) {
        Map<String, Long> calls = new TreeMap<>();
        long unattributed = 0;
        for (Map.Entry<String, long[]> e : t.byProvider().entrySet()) {
            long replays = e.getValue()[0];
            if (replays == 0) continue;
            if (limits.perSecond().containsKey(e.getKey())) calls.merge(e.getKey(), replays, Long::sum);
            else unattributed += replays;
        }
        if (unattributed > 0) for (String p : limits.providers()) calls.merge(p, unattributed, Long::sum);
        return calls;
    }

    /** The slowest provider's calls divided by its limit (providers are queried in parallel across records). */
    public static Duration estimatedTime(ReplayTally t, ProviderLimits limits, double replayRate) {
        double seconds = 0;
        for (Map.Entry<String, Long> e : estimatedCalls(t, limits).entrySet()) {
            seconds = Math.max(seconds, e.getValue() / limits.rate(e.getKey()));
        }
        if (replayRate > 0) seconds = Math.max(seconds, t.count(ReplayStatus.REPLAYED) / replayRate);
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    public static String render(ReplayTally t, String dlq, String filter, int maxReplays, ProviderLimits limits, double replayRate, boolean dryRun) {
        StringBuilder b = new StringBuilder();
        String would = dryRun ? "would be " : "";
        b.append(dryRun ? "dlq-replay DRY RUN (nothing was changed)" : "dlq-replay summary").append(" for ").append(dlq).append('\n');
        b.append("  filter: ").append(filter).append("; replay limit ").append(maxReplays)
                .append(replayRate > 0 ? String.format(Locale.ROOT, "; rate cap %.1f/s", replayRate) : "; no rate cap").append('\n');
        b.append("  examined ").append(t.examined()).append(" of ").append(Math.max(0, t.depthAtStart()))
                .append(" messages in the DLQ at start; stopped: ").append(t.stopReason() == null ? "cancelled" : t.stopReason()).append('\n');
        b.append(String.format(Locale.ROOT, "  %s%-9s %8d%n", would, "replayed", t.count(ReplayStatus.REPLAYED)));
        b.append(String.format(Locale.ROOT, "  %s%-9s %8d%n", would, "parked", t.count(ReplayStatus.PARKED)));
        b.append(String.format(Locale.ROOT, "  %-9s %8d  (not matching: left in the DLQ)%n", "skipped", t.count(ReplayStatus.SKIPPED)));
        b.append(String.format(Locale.ROOT, "  %-9s %8d  (matching but not movable: left in the DLQ)%n", "error", t.count(ReplayStatus.ERROR)));
        table(b, "error type", t.byErrorType());
        table(b, "provider", t.byProvider());
        table(b, "field", t.byField());
        reasons(b, t.byReason(), 15);
        if (!t.errors().isEmpty()) {
            b.append("  errors by reason:\n");
            t.errors().forEach((k, v) -> b.append(String.format(Locale.ROOT, "    %6d  %s%n", v, k)));
        }
        Map<String, Long> calls = estimatedCalls(t, limits);
        b.append("  estimated provider calls for the ").append(would.isEmpty() ? "" : "to-be-").append("replayed records (upper bound):")
                .append(calls.isEmpty() ? " none" : "").append('\n');
        calls.forEach((p, n) -> b.append(String.format(Locale.ROOT, "    %-12s %8d calls at %.1f/s = %s%n", p, n, limits.rate(p),
                human(Duration.ofMillis(Math.round(n * 1000 / limits.rate(p)))))));
        b.append("  estimated time under provider limits: ").append(human(estimatedTime(t, limits, replayRate))).append('\n');
        return b.toString();
    }

    private static void table(StringBuilder b, String title, Map<String, long[]> rows) {
        if (rows.isEmpty()) return;
        b.append(String.format(Locale.ROOT, "  matching by %-18s %8s %8s %8s%n", title + ":", "replay", "park", "error"));
        rows.forEach((k, v) -> b.append(String.format(Locale.ROOT, "    %-28s %8d %8d %8d%n", k, v[0], v[1], v[2])));
    }

    /** One progress line: how far the run is and its current rate of moves. */
    public static String progress(ReplayTally t, long elapsedNanos) {
        double secs = Math.max(1e-9, elapsedNanos / 1e9);
        long moved = t.count(ReplayStatus.REPLAYED) + t.count(ReplayStatus.PARKED);
        return String.format(Locale.ROOT, "dlq-replay progress%s: examined %d/%d, replayed %d, parked %d, skipped %d, error %d; %.1f moves/s over %.1fs",
                t.dryRun() ? " (dry run, would be)" : "", t.examined(), Math.max(0, t.depthAtStart()), t.count(ReplayStatus.REPLAYED), t.count(ReplayStatus.PARKED),
                t.count(ReplayStatus.SKIPPED), t.count(ReplayStatus.ERROR), moved / secs, secs);
    }

    /** The most frequent failure reasons first: the quickest answer to "why did these fail?". */
    private static void reasons(StringBuilder b, Map<String, long[]> rows, int top) {
        if (rows.isEmpty()) return;
        b.append(String.format(Locale.ROOT, "  top failure reasons (of %d distinct):%n", rows.size()));
        rows.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue()[0] + y.getValue()[1] + y.getValue()[2], x.getValue()[0] + x.getValue()[1] + x.getValue()[2]))
                .limit(top)
                .forEach(e -> b.append(String.format(Locale.ROOT, "    %8d  %s%n", e.getValue()[0] + e.getValue()[1] + e.getValue()[2], e.getKey())));
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        if (s < 3600) return (s / 60) + "m" + (s % 60) + "s";
        return (s / 3600) + "h" + ((s % 3600) / 60) + "m";
    }
}
