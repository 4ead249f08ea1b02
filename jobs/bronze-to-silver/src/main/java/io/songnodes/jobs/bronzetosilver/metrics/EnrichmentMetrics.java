package io.songnodes.jobs.bronzetosilver.metrics;

import io.songnodes.enrich.waterfall.FallbackPlanner;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Binds the enrichment core's events to Flink metrics, named as in monitoring/METRIC-NAMES.md. Events
 * arrive from the async executor's threads, hence thread-safe counters and synchronized histograms.
 * Flink histograms hold longs, so durations are recorded in milliseconds ({@code _ms}); the recording
 * rules turn them into the catalogue's seconds.
 */
public final class EnrichmentMetrics implements EnrichmentListener {
    private static final int HISTOGRAM_WINDOW = 1_000;

    private final MetricGroup group;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> gaugeValues = new ConcurrentHashMap<>();

    /** The fixed label values of the call and breaker families, registered at 0 so "must be 0" panels have a series. */
    public static final List<String> CALL_STATUSES = List.of("success", "not_found", "error", "rate_limited", "circuit_open", "timeout", "budget");
    public static final List<String> BREAKER_STATES = List.of("closed", "half_open", "open");

    /**
     * The metrics of one provider that every request updates, held once found: looking them up by a string key built
     * per event cost a few string joins per request. Each field is filled on first use (as the keyed maps did: nothing
     * is registered earlier than before); a race fills it twice with the same instance, since the maps stay the source.
     */
    private final class ProviderMetrics {
        final String id;
        final Map<String, Counter> calls = new ConcurrentHashMap<>();
        volatile Histogram duration, limiterWait;
        volatile AtomicLong cost, tokens, capacity;
        volatile Counter hits, misses;

        ProviderMetrics(ProviderName provider) { this.id = provider.id(); }
    }

    private final Map<ProviderName, ProviderMetrics> perProvider = new ConcurrentHashMap<>();

    public EnrichmentMetrics(MetricGroup group) { this.group = group; }

    private ProviderMetrics of(ProviderName provider) {
        ProviderMetrics m = perProvider.get(provider);
        return m != null ? m : perProvider.computeIfAbsent(provider, ProviderMetrics::new);
    }

    /** Registers every fixed-label counter of each provider at 0, and the reload statuses. */
    public void registerFixedLabels(Iterable<ProviderName> providers) {
        for (ProviderName p : providers) {
            CALL_STATUSES.forEach(s -> counter("enrichment_api_calls", "provider", p.id(), "status", s));
            BREAKER_STATES.forEach(s -> counter("api_gateway_circuit_breaker_transitions", "provider", p.id(), "to_state", s));
            counter("enrichment_cache_hits", "provider", p.id());
            for (FallbackPlanner.Kind k : FallbackPlanner.Kind.values()) counter("enrichment_fallback_searches", "provider", p.id(), "kind", k.label());
            counter("enrichment_cache_misses", "provider", p.id());
            counter("api_gateway_retry_attempts", "provider", p.id(), "attempt", "1");
            gauge("enrichment_api_cost_estimate_usd", 1_000_000.0, "provider", p.id());
        }
        counter("enrichment_configuration_reload", "status", "success");
        counter("enrichment_configuration_reload", "status", "error");
    }

    private Counter counter(String name, String... labels) {
        return counters.computeIfAbsent(name + String.join("|", labels), k -> labelled(labels).counter(name, new ThreadSafeSimpleCounter()));
    }

    private Histogram histogram(String name, String... labels) {
        return histograms.computeIfAbsent(name + String.join("|", labels),
                k -> labelled(labels).histogram(name, new SynchronizedHistogram(new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW))));
    }

    /** A gauge whose value is held here, as a long of thousandths for fractional values. */
    private AtomicLong gauge(String name, double scale, String... labels) {
        return gaugeValues.computeIfAbsent(name + String.join("|", labels), k -> {
            AtomicLong v = new AtomicLong();
            labelled(labels).gauge(name, (Gauge<Double>) () -> v.get() / scale);
            return v;
        });
    }

    /** Registers a gauge read from elsewhere (breaker state, in-flight count). */
    public void gauge(String name, Function<Void, Number> read, String... labels) {
        labelled(labels).gauge(name, (Gauge<Double>) () -> read.apply(null).doubleValue());
    }

    private MetricGroup labelled(String... labels) {
        MetricGroup g = group;
        for (int i = 0; i + 1 < labels.length; i += 2) g = g.addGroup(labels[i], labels[i + 1]);
        return g;
    }

    @Override
    public void apiCall(ProviderName provider, String endpoint, String status, Duration latency, double costUsd) {
        ProviderMetrics m = of(provider);
        Counter calls = m.calls.get(status);
        if (calls == null) calls = m.calls.computeIfAbsent(status, st -> counter("enrichment_api_calls", "provider", m.id, "status", st));
        calls.inc();
        Histogram duration = m.duration;
        if (duration == null) m.duration = duration = histogram("enrichment_api_duration_ms", "provider", m.id);
        duration.update(latency.toMillis());
        AtomicLong cost = m.cost;
        if (cost == null) m.cost = cost = gauge("enrichment_api_cost_estimate_usd", 1_000_000.0, "provider", m.id);
        if (costUsd > 0) cost.addAndGet(Math.round(costUsd * 1_000_000));
    }

    @Override public void apiError(ProviderName provider, String errorType) {
        counter("enrichment_api_errors", "provider", provider.id(), "error_type", errorType).inc();
    }

    @Override public void rateLimitRemaining(ProviderName provider, long remaining) {
        gauge("enrichment_api_rate_limit_remaining", 1.0, "provider", provider.id()).set(remaining);
    }

    @Override public void fallbackSearch(ProviderName provider, String kind) {
        counter("enrichment_fallback_searches", "provider", provider.id(), "kind", kind).inc();
    }

    @Override public void cacheHit(ProviderName provider) {
        ProviderMetrics m = of(provider);
        Counter c = m.hits;
        if (c == null) m.hits = c = counter("enrichment_cache_hits", "provider", m.id);
        c.inc();
    }

    @Override public void cacheMiss(ProviderName provider) {
        ProviderMetrics m = of(provider);
        Counter c = m.misses;
        if (c == null) m.misses = c = counter("enrichment_cache_misses", "provider", m.id);
        c.inc();
    }

    @Override public void cacheBypassed(ProviderName provider) { counter("enrichment_cache_bypassed", "provider", provider.id()).inc(); }

    @Override public void breakerTransition(ProviderName provider, String toState) {
        counter("api_gateway_circuit_breaker_transitions", "provider", provider.id(), "to_state", toState).inc();
    }

    @Override public void limiterWait(ProviderName provider, Duration waited, double tokensAvailable, double capacity) {
        ProviderMetrics m = of(provider);
        Histogram wait = m.limiterWait;
        if (wait == null) m.limiterWait = wait = histogram("api_gateway_rate_limiter_wait_ms", "provider", m.id);
        wait.update(waited.toMillis());
        AtomicLong tokens = m.tokens;
        if (tokens == null) m.tokens = tokens = gauge("api_gateway_rate_limiter_tokens_available", 1_000.0, "provider", m.id);
        tokens.set(Math.round(tokensAvailable * 1_000));
        AtomicLong cap = m.capacity;
        if (cap == null) m.capacity = cap = gauge("api_gateway_rate_limiter_capacity", 1_000.0, "provider", m.id);
        cap.set(Math.round(capacity * 1_000));
    }

    @Override public void retry(ProviderName provider, int attempt) {
        counter("api_gateway_retry_attempts", "provider", provider.id(), "attempt", String.valueOf(Math.min(attempt, 5))).inc();
    }

    @Override public void capabilitySwitchedOff(ProviderName provider, String endpoint) {
        counter("enrichment_api_errors", "provider", provider.id(), "error_type", "capability_missing").inc();
    }

    @Override public void fieldWon(ProviderName provider, String field) {
        counter("waterfall_provider_wins", "provider", provider.id(), "field_name", field).inc();
        counter("enrichment_metadata_fields_populated", "field", field).inc();
    }

    @Override public void fallback(ProviderName from, ProviderName to, String field) {
        counter("waterfall_fallback_count", "from_provider", from.id(), "to_provider", to.id(), "field_name", field).inc();
    }

    @Override public void trackEnriched(String status, int fieldsEnriched) {
        histogram("waterfall_fields_enriched_per_run").update(fieldsEnriched);
    }

    /** Config reloads, counted by the subtask that owns the watcher. */
    public void configReload(String status) { counter("enrichment_configuration_reload", "status", status).inc(); }
}
