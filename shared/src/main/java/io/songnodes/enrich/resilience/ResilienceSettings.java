package io.songnodes.enrich.resilience;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.ProviderDefaults;
import io.songnodes.enrich.config.Rate;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable resilience and cache settings of one provider, validated on construction with messages that
 * name the offending key. Build it directly (the YAML loader maps into the canonical constructor or
 * {@link #builder(ProviderName)}); {@link #defaults(ProviderName)} respects each provider's published limits.
 *
 * @param rate the provider quota ("1/s", "60/min", "50/5s")
 * @param burst requests that may go back to back after idling; 1 means strictly spaced (a burst b can add
 *     b-1 requests to a window, so keep it small)
 * @param safetyMargin share of the rate held back so network jitter between client and provider never
 *     makes two spaced requests arrive closer than the quota allows (0.02 = use 98%; sends are also anchored,
 *     see strictSpacing, so the margin only absorbs small jitter)
 * @param maxPermitWait longest a caller waits (on the timer, no thread blocked) for a global permit before failing with {@link PermitTimeoutException}
 * @param timeout per HTTP request, including reading the body
 * @param maxRetries retries after the first attempt, for transient, timeout and rate-limited answers only
 * @param backoffBase first retry's backoff cap; doubles per retry (full jitter picks uniformly below it)
 * @param backoffMax cap of the backoff; a Retry-After longer than this is not waited for (the lookup fails)
 * @param breaker circuit breaker thresholds
 * @param aimd how the shared effective rate shrinks on rate-limited answers and grows back on successes
 * @param cacheTtl how long a lookup answer with candidates stays cached
 * @param negativeTtl how long an empty or not-found answer stays cached (shorter)
 * @param costPerCallUsd price of one HTTP request, for the cost estimate
 * @param capabilityEndpoints endpoints where a 403 means "this account lacks the capability" (Spotify audio_features)
 * @param fallbackInstances limiter instances assumed to share the quota while Redis is unreachable: each
 *     process then runs a local limiter at rate/fallbackInstances (set it to the job parallelism to stay
 *     within quota; 1 keeps full speed per process and relies on AIMD)
 * @param strictSpacing with burst 1 the next send always waits one interval after the previous send, and after
 *     the previous answer minus the typical round trip (so a request that left late, on a cold connection,
 *     cannot arrive right before the next one). Strict spacing drops that discount: the next send waits a full
 *     interval after the previous answer. Costs the latency per request; meant for one-request-per-window
 *     quotas (MusicBrainz 1/s) where no margin absorbs jitter
 */
public record ResilienceSettings(
        Rate rate,
        int burst,
        double safetyMargin,
        Duration maxPermitWait,
        Duration timeout,
        int maxRetries,
        Duration backoffBase,
        Duration backoffMax,
        Breaker breaker,
        Aimd aimd,
        Duration cacheTtl,
        Duration negativeTtl,
        double costPerCallUsd,
        Set<String> capabilityEndpoints,
        int fallbackInstances,
        boolean strictSpacing) {

    /**
     * Circuit breaker thresholds (count-based window of the last {@code windowSize} lookups).
     *
     * @param failureRatePercent open when at least this share of recorded lookups failed transiently
     * @param windowSize lookups in the sliding window
     * @param minimumCalls lookups needed before the rate is evaluated
     * @param openWait time open before half-open
     * @param halfOpenCalls trial lookups in half-open
     */
    public record Breaker(float failureRatePercent, int windowSize, int minimumCalls, Duration openWait, int halfOpenCalls) {
        public Breaker {
            if (!(failureRatePercent > 0 && failureRatePercent <= 100)) throw bad("breaker.failure_rate_percent", "in (0,100]", failureRatePercent);
            if (windowSize < 1) throw bad("breaker.window_size", ">= 1", windowSize);
            if (minimumCalls < 1) throw bad("breaker.minimum_calls", ">= 1", minimumCalls);
            positive("breaker.open_wait", openWait);
            if (halfOpenCalls < 1) throw bad("breaker.half_open_calls", ">= 1", halfOpenCalls);
        }

        public static Breaker defaults() { return new Breaker(50, 20, 10, Duration.ofSeconds(30), 3); }
    }

    /**
     * Additive-increase/multiplicative-decrease of the effective rate, shared by every instance through Redis.
     *
     * @param decreaseFactor the effective rate is multiplied by this on a rate-limited answer
     * @param increaseStep share of the configured rate added back per successful request
     * @param minFactor floor of the effective rate as a share of the configured one
     * @param decreaseCooldown one decrease per cooldown, so N instances hit by the same burst of 429s halve once, not N times
     */
    public record Aimd(double decreaseFactor, double increaseStep, double minFactor, Duration decreaseCooldown) {
        public Aimd {
            if (!(decreaseFactor > 0 && decreaseFactor < 1)) throw bad("aimd.decrease_factor", "in (0,1)", decreaseFactor);
            if (!(increaseStep > 0 && increaseStep <= 1)) throw bad("aimd.increase_step", "in (0,1]", increaseStep);
            if (!(minFactor > 0 && minFactor <= 1)) throw bad("aimd.min_factor", "in (0,1]", minFactor);
            positive("aimd.decrease_cooldown", decreaseCooldown);
        }

        public static Aimd defaults() { return new Aimd(0.5, 0.05, 0.05, Duration.ofSeconds(2)); }
    }

    public ResilienceSettings {
        Objects.requireNonNull(rate, "rate is required");
        if (burst < 1) throw bad("burst", ">= 1", burst);
        if (!(safetyMargin >= 0 && safetyMargin < 0.5)) throw bad("safety_margin", "in [0,0.5)", safetyMargin);
        nonNegative("max_permit_wait", maxPermitWait);
        positive("timeout", timeout);
        if (maxRetries < 0) throw bad("max_retries", ">= 0", maxRetries);
        positive("backoff_base", backoffBase);
        positive("backoff_max", backoffMax);
        if (backoffMax.compareTo(backoffBase) < 0) throw bad("backoff_max", ">= backoff_base", backoffMax);
        Objects.requireNonNull(breaker, "breaker is required");
        Objects.requireNonNull(aimd, "aimd is required");
        positive("cache_ttl", cacheTtl);
        positive("negative_ttl", negativeTtl);
        if (!(costPerCallUsd >= 0) || Double.isInfinite(costPerCallUsd)) throw bad("cost_per_call_usd", ">= 0", costPerCallUsd);
        capabilityEndpoints = capabilityEndpoints == null ? Set.of() : Set.copyOf(capabilityEndpoints);
        if (fallbackInstances < 1) throw bad("fallback_instances", ">= 1", fallbackInstances);
    }

    /** The spacing the limiter actually keeps between requests: the quota's interval widened by the safety margin. */
    public Duration effectiveInterval() { return Duration.ofNanos(Math.round(rate.emissionInterval().toNanos() / (1 - safetyMargin))); }

    /** Defaults: the quota and burst of {@link ProviderDefaults}, the one table of provider limits. */
    public static ResilienceSettings defaults(ProviderName provider) {
        Builder b = new Builder().rate(ProviderDefaults.rate(provider)).burst(ProviderDefaults.burst(provider));
        switch (provider) {
            case MUSICBRAINZ -> b.cacheTtl(Duration.ofDays(30)).strictSpacing(true);
            case DISCOGS -> b.cacheTtl(Duration.ofDays(30));
            case LASTFM -> b.cacheTtl(Duration.ofDays(7));
            case DEEZER -> b.cacheTtl(Duration.ofDays(14));
            case SPOTIFY -> b.cacheTtl(Duration.ofDays(14)).capabilityEndpoints(Set.of("audio_features"));
            case BEATPORT -> b.cacheTtl(Duration.ofDays(14));
        }
        return b.build();
    }

    public static Builder builder(ProviderName provider) { return defaults(provider).toBuilder(); }

    public Builder toBuilder() { return new Builder(this); }

    /** Fluent copy-and-change, mostly for tests and the YAML mapper. */
    public static final class Builder {
        private Rate rate = Rate.parse("1/s");
        private int burst = 1;
        private double safetyMargin = 0.02;
        private Duration maxPermitWait = Duration.ofSeconds(60);
        private Duration timeout = Duration.ofSeconds(10);
        private int maxRetries = 3;
        private Duration backoffBase = Duration.ofMillis(500);
        private Duration backoffMax = Duration.ofSeconds(30);
        private Breaker breaker = Breaker.defaults();
        private Aimd aimd = Aimd.defaults();
        private Duration cacheTtl = Duration.ofDays(7);
        private Duration negativeTtl = Duration.ofHours(6);
        private double costPerCallUsd = 0;
        private Set<String> capabilityEndpoints = Set.of();
        private int fallbackInstances = 1;
        private boolean strictSpacing;

        private Builder() {}

        private Builder(ResilienceSettings s) {
            rate = s.rate; burst = s.burst; safetyMargin = s.safetyMargin; maxPermitWait = s.maxPermitWait; timeout = s.timeout;
            maxRetries = s.maxRetries; backoffBase = s.backoffBase; backoffMax = s.backoffMax; breaker = s.breaker; aimd = s.aimd;
            cacheTtl = s.cacheTtl; negativeTtl = s.negativeTtl; costPerCallUsd = s.costPerCallUsd;
            capabilityEndpoints = s.capabilityEndpoints; fallbackInstances = s.fallbackInstances; strictSpacing = s.strictSpacing;
        }

        public Builder rate(String v) { rate = Rate.parse(v); return this; }
        public Builder rate(Rate v) { rate = v; return this; }
        public Builder burst(int v) { burst = v; return this; }
        public Builder safetyMargin(double v) { safetyMargin = v; return this; }
        public Builder maxPermitWait(Duration v) { maxPermitWait = v; return this; }
        public Builder timeout(Duration v) { timeout = v; return this; }
        public Builder maxRetries(int v) { maxRetries = v; return this; }
        public Builder backoff(Duration base, Duration max) { backoffBase = base; backoffMax = max; return this; }
        public Builder breaker(Breaker v) { breaker = v; return this; }
        public Builder aimd(Aimd v) { aimd = v; return this; }
        public Builder cacheTtl(Duration v) { cacheTtl = v; return this; }
        public Builder negativeTtl(Duration v) { negativeTtl = v; return this; }
        public Builder costPerCallUsd(double v) { costPerCallUsd = v; return this; }
        public Builder capabilityEndpoints(Set<String> v) { capabilityEndpoints = v; return this; }
        public Builder fallbackInstances(int v) { fallbackInstances = v; return this; }
        public Builder strictSpacing(boolean v) { strictSpacing = v; return this; }

        public ResilienceSettings build() {
            return new ResilienceSettings(rate, burst, safetyMargin, maxPermitWait, timeout, maxRetries, backoffBase, backoffMax,
                    breaker, aimd, cacheTtl, negativeTtl, costPerCallUsd, capabilityEndpoints, fallbackInstances, strictSpacing);
        }
    }

    private static IllegalArgumentException bad(String key, String rule, Object value) {
        return new IllegalArgumentException(key + " must be " + rule + ", got " + value);
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) throw bad(key, "> 0", d);
    }

    private static void nonNegative(String key, Duration d) {
        if (d == null || d.isNegative()) throw bad(key, ">= 0", d);
    }
}
