package io.songnodes.enrich.resilience;

import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderName;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Each provider's spend in the current calendar month (UTC) against its {@code monthly_budget_usd}. The spend
 * lives in Redis ({@code <prefix>budget:<yyyy-MM>:<provider>}, micro-dollars), so every job and the CLI draw
 * on one budget; a new month is a new key, so a provider skipped for its budget resumes on the 1st. Each HTTP
 * request is charged before it is sent and refused when it would take the month past the budget, so the
 * budget is never overrun, even by concurrent processes. While Redis is unreachable the spend is counted in
 * this process only.
 */
public final class ProviderBudget {
    /** Where a provider stands: under 80 % of its budget, at 80 % or more, or unable to pay for another call. */
    public enum Level { OK, WARNING, EXHAUSTED }

    public static final double WARNING_RATIO = 0.8;
    /** Longer than any month, so last month's key is still there on the 1st and then goes by itself. */
    private static final long KEY_TTL_SECONDS = Duration.ofDays(40).toSeconds();
    /** How stale a spend read from Redis may be for the pre-call check and the gauges; charges are exact. */
    private static final long READ_TTL_NANOS = Duration.ofSeconds(2).toNanos();

    private record Reading(String key, long micros, long atNanos) {}

    private final RedisGuard redis;
    private final Clock clock;
    private final Map<ProviderName, Double> budgets;
    private final ToDoubleFunction<ProviderName> costPerCall;
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();
    private final Map<ProviderName, Reading> readings = new ConcurrentHashMap<>();

    /**
     * @param budgets     monthly budget in USD per provider; a provider missing here has no budget
     * @param costPerCall price of one HTTP request per provider, in USD
     */
    public ProviderBudget(RedisGuard redis, Clock clock, Map<ProviderName, Double> budgets, ToDoubleFunction<ProviderName> costPerCall) {
        this.redis = redis;
        this.clock = clock;
        this.budgets = budgets.isEmpty() ? Map.of() : new EnumMap<>(budgets);
        this.costPerCall = costPerCall;
    }

    /** No budgets: spend is still counted (for the gauge), nothing is ever refused. */
    public static ProviderBudget unlimited(RedisGuard redis, ToDoubleFunction<ProviderName> costPerCall) {
        return new ProviderBudget(redis, Clock.systemUTC(), Map.of(), costPerCall);
    }

    /** The Redis key holding {@code provider}'s spend in {@code month}. */
    public String key(ProviderName provider, YearMonth month) { return redis.key("budget:" + month + ":" + provider.id()); }

    private String currentKey(ProviderName provider) { return key(provider, YearMonth.now(clock.withZone(ZoneOffset.UTC))); }

    /** The pre-call check: false when the provider cannot pay for one more call this month. */
    public boolean allows(ProviderName provider) { return level(provider) != Level.EXHAUSTED; }

    /** Charges one request; false (nothing charged) when it would take the month past the budget. */
    public boolean charge(ProviderName provider) {
        long cost = micros(costPerCall.applyAsDouble(provider));
        if (cost <= 0) return true;
        String key = currentKey(provider);
        Long limit = budgetMicros(provider);
        long total = add(key, cost);
        if (limit != null && total > limit) {
            total = add(key, -cost);
            remember(provider, key, total);
            return false;
        }
        remember(provider, key, total);
        return true;
    }

    /** Gives back one request's charge (it was never sent). */
    public void refund(ProviderName provider) {
        long cost = micros(costPerCall.applyAsDouble(provider));
        if (cost <= 0) return;
        String key = currentKey(provider);
        remember(provider, key, add(key, -cost));
    }

    /** The exception a refused call ends in; the waterfall moves the provider's fields to the next provider. */
    public static ProviderException exhausted(ProviderName provider) {
        return new ProviderException(provider.id(), ProviderException.Kind.BUDGET_EXHAUSTED, null, null,
                "monthly budget spent, skipped until the 1st (UTC)");
    }

    /** This month's spend in USD, at most a couple of seconds old. */
    public double spentUsd(ProviderName provider) { return spentMicros(provider) / 1e6; }

    /** The provider's monthly budget in USD, or null without one. */
    public Double budgetUsd(ProviderName provider) { return budgets.get(provider); }

    public Level level(ProviderName provider) {
        Long limit = budgetMicros(provider);
        if (limit == null) return Level.OK;
        long spent = spentMicros(provider);
        long cost = micros(costPerCall.applyAsDouble(provider));
        if (spent >= limit || spent + cost > limit) return Level.EXHAUSTED;
        return spent >= WARNING_RATIO * limit ? Level.WARNING : Level.OK;
    }

    private Long budgetMicros(ProviderName provider) {
        Double b = budgets.get(provider);
        return b == null ? null : micros(b);
    }

    private long spentMicros(ProviderName provider) {
        String key = currentKey(provider);
        Reading r = readings.get(provider);
        if (r != null && r.key().equals(key) && System.nanoTime() - r.atNanos() < READ_TTL_NANOS) return r.micros();
        long v = read(key);
        remember(provider, key, v);
        return v;
    }

    private void remember(ProviderName provider, String key, long micros) {
        readings.put(provider, new Reading(key, micros, System.nanoTime()));
    }

    private long add(String key, long micros) {
        try {
            return redis.call(j -> {
                long total = j.incrBy(key, micros);
                if (total == micros) j.expire(key, KEY_TTL_SECONDS);
                return total;
            });
        } catch (RedisUnavailableException e) {
            return local.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(micros);
        }
    }

    private long read(String key) {
        try {
            String v = redis.call(j -> j.get(key));
            return v == null ? 0 : Long.parseLong(v);
        } catch (RedisUnavailableException e) {
            AtomicLong v = local.get(key);
            return v == null ? 0 : v.get();
        }
    }

    private static long micros(double usd) { return Math.round(usd * 1_000_000); }
}
