package io.songnodes.enrich.resilience;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The per-process resilience state shared by {@link ResilientHttp} and {@link ResilientGateway}: settings per
 * provider, the monthly {@link ProviderBudget}, one {@link GlobalRateLimiter} per provider, the capability switches, Redis and the listener.
 * Build one per process (per Flink subtask in {@code open()}); the limits still hold globally through Redis.
 */
public final class Resilience implements AutoCloseable {
    private final RedisGuard redis;
    private final Map<ProviderName, ResilienceSettings> settings;
    private final EnrichmentListener listener;
    private final CapabilitySwitches capabilities;
    private final Map<ProviderName, GlobalRateLimiter> limiters = new ConcurrentHashMap<>();
    private final ProviderBudget budget;
    // ends rate-limit waits and retry backoffs; owned, so a Flink subtask's close() leaves no thread behind
    private final ScheduledExecutorService timer = Timers.create("songnodes-timer", 1);

    /** Providers missing from {@code settings} use {@link ResilienceSettings#defaults}; no monthly budgets. */
    public Resilience(RedisGuard redis, Map<ProviderName, ResilienceSettings> settings, EnrichmentListener listener) {
        this(redis, settings, listener, Map.of(), Clock.systemUTC());
    }

    /** With monthly budgets in USD per provider (providers missing from {@code budgets} have none). */
    public Resilience(RedisGuard redis, Map<ProviderName, ResilienceSettings> settings, EnrichmentListener listener,
                      Map<ProviderName, Double> budgets, Clock clock) {
        this.redis = redis;
        this.settings = settings.isEmpty() ? Map.of() : new EnumMap<>(settings);
        this.listener = listener == null ? EnrichmentListener.NONE : listener;
        this.capabilities = new CapabilitySwitches(this.listener);
        this.budget = new ProviderBudget(redis, clock, budgets, p -> settings(p).costPerCallUsd());
    }

    public ResilienceSettings settings(ProviderName provider) {
        ResilienceSettings s = settings.get(provider);
        return s != null ? s : ResilienceSettings.defaults(provider);
    }

    public GlobalRateLimiter limiter(ProviderName provider) {
        return limiters.computeIfAbsent(provider, p -> new GlobalRateLimiter(redis, p, settings(p), listener, timer));
    }

    public CapabilitySwitches capabilities() { return capabilities; }

    /** The monthly spend and budgets, shared through Redis. */
    public ProviderBudget budget() { return budget; }

    public EnrichmentListener listener() { return listener; }

    public RedisGuard redis() { return redis; }

    /** The timer that ends waits (rate-limit slots, retry backoffs) without holding a thread. */
    public ScheduledExecutorService timer() { return timer; }

    /**
     * Stops the timer for new waits (those already scheduled still end, so a lookup in flight when the gateway is
     * rebuilt completes) and closes the Redis client when the guard owns it.
     */
    @Override public void close() {
        timer.shutdown();
        redis.close();
    }
}
