package io.songnodes.enrich.resilience;

import java.time.Duration;
import java.util.TreeMap;

/**
 * The per-process limiter used while Redis is unreachable: the same GCRA as the Redis script, in the JVM, with
 * one slot per emission interval (no stored burst, so a window never sees 2n), at rate/fallbackInstances, with its
 * own AIMD factor and Retry-After block because the shared ones in Redis cannot be read.
 *
 * <p>It never sleeps: {@link #reserve} says when the caller's slot is, and {@link #release} gives an unused slot
 * back. The last slot taken moves the schedule back by one interval; any other released slot is kept and handed
 * to the next reservation that comes before it is due, so a cancelled track's slots are reused, never lost, and
 * never doubled (a reused slot is one the schedule already granted). Times are {@link System#nanoTime} values
 * passed in by the caller, so the arithmetic is tested without a clock.
 */
final class LocalFallbackLimiter {
    /** A reserved slot: send at {@code atNanos}; {@code tatAfter} identifies the reservation for {@link #release}. */
    record Slot(long atNanos, long tatAfter, boolean reused) {}

    private final Duration interval;
    private final int instances;
    private final ResilienceSettings.Aimd aimd;
    private long tat = Long.MIN_VALUE / 2;
    private long intervalNanos;
    private double factor = 1;
    private long lastDecreaseNanos = Long.MIN_VALUE / 2;
    private long blockedUntilNanos = Long.MIN_VALUE / 2;
    /** Released slots not yet due, by time; the value is the reservation's tatAfter. */
    private final TreeMap<Long, Long> free = new TreeMap<>();

    LocalFallbackLimiter(Duration interval, int instances, ResilienceSettings.Aimd aimd) {
        this.interval = interval;
        this.instances = instances;
        this.aimd = aimd;
        this.intervalNanos = spacing(1);
    }

    private long spacing(double f) { return Math.max(1_000_000L, Math.round(interval.toNanos() * instances / f)); }

    /** The next slot at or after {@code now}, or null when it is more than {@code maxWaitNanos} away (nothing is taken then). */
    synchronized Slot reserve(long now, long maxWaitNanos) {
        long earliest = Math.max(now, blockedUntilNanos);
        free.headMap(earliest).clear();   // released slots already past (or inside a block) are gone
        var reusable = free.firstEntry();
        if (reusable != null && reusable.getKey() - now <= maxWaitNanos) {
            free.remove(reusable.getKey());
            return new Slot(reusable.getKey(), reusable.getValue(), true);
        }
        long slot = Math.max(earliest, tat);
        if (slot - now > maxWaitNanos) return null;
        tat = slot + intervalNanos;
        return new Slot(slot, tat, false);
    }

    /** Gives back a slot that will not be used; true when the schedule moved back (it was the last one taken). */
    synchronized boolean release(Slot s) {
        if (!s.reused() && s.tatAfter() == tat) {
            tat -= intervalNanos;
            return true;
        }
        free.put(s.atNanos(), s.tatAfter());
        return false;
    }

    /** Slots that could be taken right now without waiting (0 or 1: no stored burst). */
    synchronized double availablePermits(long now) { return tat <= now && blockedUntilNanos <= now ? 1 : 0; }

    synchronized void penalize(Duration retryAfter, long now) {
        if (retryAfter != null && retryAfter.toNanos() > 0) blockedUntilNanos = Math.max(blockedUntilNanos, now + retryAfter.toNanos());
        if (now - lastDecreaseNanos >= aimd.decreaseCooldown().toNanos()) {
            lastDecreaseNanos = now;
            factor = Math.max(aimd.minFactor(), factor * aimd.decreaseFactor());
            intervalNanos = spacing(factor);
        }
    }

    synchronized void reward() {
        if (factor >= 1) return;
        factor = Math.min(1, factor + aimd.increaseStep());
        intervalNanos = spacing(factor);
    }

    synchronized double factor() { return factor; }

    /** Released slots waiting to be reused (tests). */
    synchronized int freeSlots() { return free.size(); }
}
