package io.songnodes.tools.enrich;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts what one enrich run did, for its summary: track statuses, provider calls by status, cache use. Thread-safe. */
public final class EnrichStats implements EnrichmentListener {
    /** The call statuses of {@link EnrichmentListener#apiCall}, in the summary's column order. */
    static final String[] CALL_STATUSES = {"success", "not_found", "error", "rate_limited", "circuit_open", "timeout", "budget"};

    private final Map<ProviderName, Map<String, LongAdder>> calls = new EnumMap<>(ProviderName.class);
    private final Map<ProviderName, LongAdder> cacheHits = new EnumMap<>(ProviderName.class);
    private final Map<ProviderName, LongAdder> cacheMisses = new EnumMap<>(ProviderName.class);
    private final Map<ProviderName, LongAdder> cacheBypassed = new EnumMap<>(ProviderName.class);
    private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();

    public EnrichStats() {
        for (ProviderName p : ProviderName.values()) {
            calls.put(p, new ConcurrentHashMap<>());
            cacheHits.put(p, new LongAdder());
            cacheMisses.put(p, new LongAdder());
            cacheBypassed.put(p, new LongAdder());
        }
    }

    @Override public void apiCall(ProviderName provider, String endpoint, String status, Duration latency, double costUsd) {
        calls.get(provider).computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    @Override public void cacheHit(ProviderName provider) { cacheHits.get(provider).increment(); }

    @Override public void cacheMiss(ProviderName provider) { cacheMisses.get(provider).increment(); }

    @Override public void cacheBypassed(ProviderName provider) { cacheBypassed.get(provider).increment(); }

    @Override public void trackEnriched(String status, int fieldsEnriched) { statuses.computeIfAbsent(status, s -> new LongAdder()).increment(); }

    /** Calls to {@code p}, whatever their answer, except those skipped for the monthly budget (never sent). */
    public long calls(ProviderName p) {
        return calls.get(p).entrySet().stream().filter(e -> !e.getKey().equals("budget")).mapToLong(e -> e.getValue().sum()).sum();
    }

    public long calls(ProviderName p, String status) {
        LongAdder n = calls.get(p).get(status);
        return n == null ? 0 : n.sum();
    }

    public long totalCalls() {
        long n = 0;
        for (ProviderName p : ProviderName.values()) n += calls(p);
        return n;
    }

    /** Lookups and requests not sent because the provider's monthly budget was spent. */
    public long totalBudgetSkips() {
        long n = 0;
        for (ProviderName p : ProviderName.values()) n += calls(p, "budget");
        return n;
    }

    public long cacheHits(ProviderName p) { return cacheHits.get(p).sum(); }

    public long totalCacheHits() { return cacheHits.values().stream().mapToLong(LongAdder::sum).sum(); }

    public long totalCacheBypassed() { return cacheBypassed.values().stream().mapToLong(LongAdder::sum).sum(); }

    /** Tracks per enrichment status ({@code completed}, {@code partial}, ...). */
    public Map<String, Long> statuses() {
        Map<String, Long> out = new TreeMap<>();
        statuses.forEach((s, n) -> out.put(s, n.sum()));
        return out;
    }

    /** The per-provider table of the summary. */
    public String renderProviders() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-12s %6s", "provider", "calls"));
        for (String s : CALL_STATUSES) sb.append(String.format(Locale.ROOT, " %12s", s));
        sb.append(String.format(Locale.ROOT, " %10s %10s %10s%n", "cache_hit", "cache_miss", "bypassed"));
        for (ProviderName p : ProviderName.values()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %6d", p.id(), calls(p)));
            for (String s : CALL_STATUSES) sb.append(String.format(Locale.ROOT, " %12d", calls(p, s)));
            sb.append(String.format(Locale.ROOT, " %10d %10d %10d%n", cacheHits(p), cacheMisses.get(p).sum(), cacheBypassed.get(p).sum()));
        }
        return sb.toString();
    }
}
