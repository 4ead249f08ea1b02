package io.songnodes.enrich.resilience;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * The per-process limiter used while Redis is unreachable: a resilience4j RateLimiter with one permit per
 * emission interval (no stored burst, so a window never sees 2n), at rate/fallbackInstances, with its own
 * AIMD factor and Retry-After block because the shared ones in Redis cannot be read.
 */
final class LocalFallbackLimiter {
    private final String name;
    private final Duration interval;
    private final int instances;
    private final Duration timeout;
    private final ResilienceSettings.Aimd aimd;
    private volatile RateLimiter limiter;
    private double factor = 1;
    private long lastDecreaseNanos = Long.MIN_VALUE / 2;
    private volatile long blockedUntilNanos = Long.MIN_VALUE / 2;

    LocalFallbackLimiter(String name, Duration interval, int instances, Duration timeout, ResilienceSettings.Aimd aimd) {
        this.name = name;
        this.interval = interval;
        this.instances = instances;
        this.timeout = timeout;
        this.aimd = aimd;
        this.limiter = build(1);
    }

    private RateLimiter build(double f) {
        long nanos = Math.max(1_000_000L, Math.round(interval.toNanos() * instances / f));
        return RateLimiter.of(name + "-local", RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(nanos))
                .timeoutDuration(timeout)
                .build());
    }

    /** Blocks up to {@code budget} for a local permit; returns false when none came in time. */
    boolean acquire(Duration budget) throws InterruptedException {
        long start = System.nanoTime();
        long blockedFor = blockedUntilNanos - start;
        if (blockedFor > 0) {
            if (blockedFor > budget.toNanos()) return false;
            Thread.sleep(blockedFor / 1_000_000, (int) (blockedFor % 1_000_000));
        }
        Duration left = budget.minusNanos(System.nanoTime() - start);
        if (left.isNegative()) return false;
        RateLimiter current = limiter;
        long waitNanos = current.reservePermission();
        if (waitNanos < 0) return false;
        if (waitNanos > left.toNanos()) return false;   // reservation is lost; the limiter only gets slower
        if (waitNanos > 0) Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        return true;
    }

    double availablePermits() { return Math.max(0, limiter.getMetrics().getAvailablePermissions()); }

    synchronized void penalize(Duration retryAfter) {
        long now = System.nanoTime();
        if (retryAfter != null && retryAfter.toNanos() > 0) blockedUntilNanos = Math.max(blockedUntilNanos, now + retryAfter.toNanos());
        if (now - lastDecreaseNanos >= aimd.decreaseCooldown().toNanos()) {
            lastDecreaseNanos = now;
            factor = Math.max(aimd.minFactor(), factor * aimd.decreaseFactor());
            limiter = build(factor);
        }
    }

    synchronized void reward() {
        if (factor >= 1) return;
        factor = Math.min(1, factor + aimd.increaseStep());
        limiter = build(factor);
    }

    synchronized double factor() { return factor; }
}
