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
    private final LongAdder fallbackSearches = new LongAdder();
    private final Map<String, LongAdder> fallbacksByKind = new ConcurrentHashMap<>();

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

    @Override public void fallbackSearch(ProviderName provider, String kind) {
        fallbackSearches.increment();
        fallbacksByKind.computeIfAbsent(provider.id() + " " + kind, k -> new LongAdder()).increment();
    }

    @Override public void cacheHit(ProviderName provider) { cacheHits.get(provider).increment(); }

    @Override public void cacheMiss(ProviderName provider) { cacheMisses.get(provider).increment(); }

    @Override public void cacheBypassed(ProviderName provider) { cacheBypassed.get(provider).increment(); }

    @Override public void trackEnriched(String status, int fieldsEnriched) { statuses.computeIfAbsent(status, s -> new LongAdder()).increment(); }

    /** Fallback searches made for tracks whose first search found no confident match. */
    public long fallbackSearches() { return fallbackSearches.sum(); }

    /** Fallback searches by "provider kind" ({@code spotify next_page}), sorted. */
    public Map<String, Long> fallbacksByKind() {
        Map<String, Long> out = new TreeMap<>();
        fallbacksByKind.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

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

    /** Tracks enriched, whatever their status. */
    public long tracks() { return statuses.values().stream().mapToLong(LongAdder::sum).sum(); }

    /** HTTP requests to {@code p} per enriched track (0 before any track). */
    public double callsPerTrack(ProviderName p) {
        long t = tracks();
        return t == 0 ? 0 : calls(p) / (double) t;
    }

    /**
     * The quota ceiling: tracks per hour the providers' quotas allow at this run's calls per track, the minimum over
     * the providers that were called of quota ÷ calls per track; the provider that sets it. Empty before any call.
     */
    public java.util.Optional<Map.Entry<ProviderName, Double>> quotaCeiling(Map<ProviderName, io.songnodes.enrich.config.Rate> quotas) {
        Map.Entry<ProviderName, Double> min = null;
        for (ProviderName p : ProviderName.values()) {
            double perTrack = callsPerTrack(p);
            io.songnodes.enrich.config.Rate q = quotas.get(p);
            if (perTrack <= 0 || q == null) continue;
            double tracksPerHour = q.perSecond() * 3600 / perTrack;
            if (min == null || tracksPerHour < min.getValue()) min = Map.entry(p, tracksPerHour);
        }
        return java.util.Optional.ofNullable(min);
    }

    /** The per-provider table of the summary. */
    public String renderProviders() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  %-12s %6s %11s", "provider", "calls", "calls/track"));
        for (String s : CALL_STATUSES) sb.append(String.format(Locale.ROOT, " %12s", s));
        sb.append(String.format(Locale.ROOT, " %10s %10s %10s%n", "cache_hit", "cache_miss", "bypassed"));
        for (ProviderName p : ProviderName.values()) {
            sb.append(String.format(Locale.ROOT, "  %-12s %6d %11.2f", p.id(), calls(p), callsPerTrack(p)));
            for (String s : CALL_STATUSES) sb.append(String.format(Locale.ROOT, " %12d", calls(p, s)));
            sb.append(String.format(Locale.ROOT, " %10d %10d %10d%n", cacheHits(p), cacheMisses.get(p).sum(), cacheBypassed.get(p).sum()));
        }
        return sb.toString();
    }
}
