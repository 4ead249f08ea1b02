package io.songnodes.jobs.dlqreplay.replay;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Running counts of one replay run: per status, and for matching messages per error type, provider and field. */
public final class ReplayTally implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String NONE = "(none)";

    private final EnumMap<ReplayStatus, Long> byStatus = new EnumMap<>(ReplayStatus.class);
    private final Map<String, long[]> byErrorType = new TreeMap<>();
    private final Map<String, long[]> byProvider = new TreeMap<>();
    private final Map<String, long[]> byField = new TreeMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, long[]> byReason = new TreeMap<>();
    private long depthAtStart = -1;
    private String stopReason;
    private boolean dryRun;

    public void add(ReplayOutcome o) {
        byStatus.merge(o.status(), 1L, Long::sum);
        dryRun |= o.dryRun();
        int slot = switch (o.status()) {
            case REPLAYED -> 0;
            case PARKED -> 1;
            case ERROR -> 2;
            case SKIPPED -> -1;
        };
        if (slot >= 0) {
            byErrorType.computeIfAbsent(orNone(o.errorType()), k -> new long[3])[slot]++;
            byProvider.computeIfAbsent(orNone(o.provider()), k -> new long[3])[slot]++;
            byField.computeIfAbsent(orNone(o.field()), k -> new long[3])[slot]++;
            addReason(byReason, reasonKey(o), slot, 1);
        }
        if (o.status() == ReplayStatus.ERROR) errors.merge(o.detail() == null ? "unknown" : o.detail(), 1L, Long::sum);
    }

    public void merge(ReplayTally other) {
        other.byStatus.forEach((k, v) -> byStatus.merge(k, v, Long::sum));
        mergeRows(byErrorType, other.byErrorType);
        mergeRows(byProvider, other.byProvider);
        mergeRows(byField, other.byField);
        other.byReason.forEach((k, v) -> {
            for (int i = 0; i < 3; i++) if (v[i] > 0) addReason(byReason, k, i, v[i]);
        });
        other.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        depthAtStart = Math.max(depthAtStart, other.depthAtStart);
        if (stopReason == null) stopReason = other.stopReason;
        dryRun |= other.dryRun;
    }

    /** Reasons are free text; past {@value #MAX_REASONS} distinct ones the rest are pooled so the tally stays small. */
    static final int MAX_REASONS = 500;
    static final String OTHER_REASONS = "(other reasons)";

    private static String reasonKey(ReplayOutcome o) {
        String r = o.reason() == null || o.reason().isBlank() ? NONE : o.reason().strip();
        String type = o.errorType() == null ? NONE : o.errorType();
        return type + ": " + (r.length() > 120 ? r.substring(0, 117) + "..." : r);
    }

    private static void addReason(Map<String, long[]> into, String key, int slot, long n) {
        String k = into.containsKey(key) || into.size() < MAX_REASONS ? key : OTHER_REASONS;
        into.computeIfAbsent(k, x -> new long[3])[slot] += n;
    }

    private static void mergeRows(Map<String, long[]> into, Map<String, long[]> from) {
        from.forEach((k, v) -> {
            long[] row = into.computeIfAbsent(k, x -> new long[3]);
            for (int i = 0; i < 3; i++) row[i] += v[i];
        });
    }

    private static String orNone(String s) { return s == null || s.isEmpty() ? NONE : s; }

    public long count(ReplayStatus s) { return byStatus.getOrDefault(s, 0L); }

    public long examined() { return byStatus.values().stream().mapToLong(Long::longValue).sum(); }

    /** Rows of [replayed, parked, error] per error type. */
    public Map<String, long[]> byErrorType() { return byErrorType; }

    public Map<String, long[]> byProvider() { return byProvider; }

    public Map<String, long[]> byField() { return byField; }

    public Map<String, Long> errors() { return errors; }

    /** Rows of [replayed, parked, error] per "error_type: reason". */
    public Map<String, long[]> byReason() { return byReason; }

    public long depthAtStart() { return depthAtStart; }

    public void depthAtStart(long depth) { this.depthAtStart = depth; }

    public String stopReason() { return stopReason; }

    public void stopReason(String reason) { this.stopReason = reason; }

    public boolean dryRun() { return dryRun; }

    /** One line, for Flink's "Accumulator Results" listing. */
    @Override public String toString() {
        return (dryRun ? "dry run: " : "") + "examined " + examined() + "/" + Math.max(0, depthAtStart) + ", replayed " + count(ReplayStatus.REPLAYED)
                + ", parked " + count(ReplayStatus.PARKED) + ", skipped " + count(ReplayStatus.SKIPPED) + ", error " + count(ReplayStatus.ERROR);
    }

    public ReplayTally copy() {
        ReplayTally t = new ReplayTally();
        t.merge(this);
        return t;
    }
}
