package io.songnodes.enrich.resilience;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every event as a short string ("apiCall musicbrainz search success") for assertions. */
public final class RecordingListener implements EnrichmentListener {
    public final List<String> events = new CopyOnWriteArrayList<>();
    public final List<Double> costs = new CopyOnWriteArrayList<>();
    public final List<Long> remaining = new CopyOnWriteArrayList<>();

    @Override public void apiCall(ProviderName p, String endpoint, String status, Duration latency, double costUsd) {
        events.add("apiCall " + p.id() + " " + endpoint + " " + status);
        costs.add(costUsd);
    }
    @Override public void apiError(ProviderName p, String errorType) { events.add("apiError " + p.id() + " " + errorType); }
    @Override public void rateLimitRemaining(ProviderName p, long r) { remaining.add(r); events.add("remaining " + p.id() + " " + r); }
    @Override public void cacheHit(ProviderName p) { events.add("cacheHit " + p.id()); }
    @Override public void cacheMiss(ProviderName p) { events.add("cacheMiss " + p.id()); }
    @Override public void cacheBypassed(ProviderName p) { events.add("cacheBypassed " + p.id()); }
    @Override public void breakerTransition(ProviderName p, String to) { events.add("breaker " + p.id() + " " + to); }
    @Override public void limiterWait(ProviderName p, Duration waited, double tokens, double capacity) { events.add("limiterWait " + p.id() + " " + capacity); }
    @Override public void retry(ProviderName p, int attempt) { events.add("retry " + p.id() + " " + attempt); }
    @Override public void capabilitySwitchedOff(ProviderName p, String endpoint) { events.add("capabilityOff " + p.id() + " " + endpoint); }

    public long count(String prefix) { return events.stream().filter(e -> e.startsWith(prefix)).count(); }
}
