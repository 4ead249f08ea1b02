package io.songnodes.enrich.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The reservation and release arithmetic of the in-JVM GCRA, on explicit times (ms as nanos). */
class LocalFallbackLimiterTest {
    private static final long MS = 1_000_000L;
    private static final long T = 100 * MS;

    private static LocalFallbackLimiter limiter() {
        return new LocalFallbackLimiter(Duration.ofMillis(100), 1, ResilienceSettings.Aimd.defaults());
    }

    @Test
    void reservationsAreSpacedOneIntervalApartAndRefusedBeyondTheWait() {
        LocalFallbackLimiter l = limiter();
        assertThat(l.reserve(0, 0).atNanos()).isZero();
        assertThat(l.reserve(0, T).atNanos()).isEqualTo(T);
        assertThat(l.reserve(10 * MS, T)).as("the next slot is 190 ms away").isNull();
        assertThat(l.reserve(10 * MS, 2 * T).atNanos()).as("a refused reservation took nothing").isEqualTo(2 * T);
        // after idling the schedule restarts at now, with no stored burst
        assertThat(l.reserve(1000 * MS, 0).atNanos()).isEqualTo(1000 * MS);
        assertThat(l.reserve(1000 * MS, T).atNanos()).isEqualTo(1100 * MS);
    }

    @Test
    void releasingTheLastSlotMovesTheScheduleBack() {
        LocalFallbackLimiter l = limiter();
        l.reserve(0, 0);
        LocalFallbackLimiter.Slot second = l.reserve(0, T);
        assertThat(l.release(second)).isTrue();
        assertThat(l.reserve(0, T).atNanos()).isEqualTo(T);
        assertThat(l.freeSlots()).isZero();
    }

    @Test
    void aReleasedSlotInTheMiddleIsHandedToTheNextReservationAndNeverDoubled() {
        LocalFallbackLimiter l = limiter();
        LocalFallbackLimiter.Slot a = l.reserve(0, 0);
        LocalFallbackLimiter.Slot b = l.reserve(0, 10 * T);
        LocalFallbackLimiter.Slot c = l.reserve(0, 10 * T);
        assertThat(c.atNanos()).isEqualTo(2 * T);
        assertThat(l.release(b)).as("not the last: kept for reuse").isFalse();
        LocalFallbackLimiter.Slot d = l.reserve(5 * MS, 10 * T);
        assertThat(d.atNanos()).as("b's slot, not one after c").isEqualTo(T);
        assertThat(d.reused()).isTrue();
        assertThat(l.reserve(5 * MS, 10 * T).atNanos()).as("the schedule continues after c").isEqualTo(3 * T);
        // a reused slot given back again goes back to the free list, even when nothing was taken after it
        assertThat(l.release(d)).isFalse();
        assertThat(l.freeSlots()).isOne();
        assertThat(a.atNanos()).isZero();
    }

    @Test
    void releasedSlotsThatHavePassedOrFallInsideARetryAfterBlockAreDropped() {
        LocalFallbackLimiter l = limiter();
        l.reserve(0, 0);
        LocalFallbackLimiter.Slot b = l.reserve(0, 10 * T);
        LocalFallbackLimiter.Slot c = l.reserve(0, 10 * T);
        LocalFallbackLimiter.Slot d = l.reserve(0, 10 * T);
        l.release(b);
        l.release(c);
        assertThat(l.reserve(150 * MS, 10 * T).atNanos()).as("b's slot (100 ms) has passed; c's is next").isEqualTo(2 * T);
        assertThat(l.freeSlots()).isZero();
        l.release(d);   // the last one: the schedule moves back to 300 ms
        l.penalize(Duration.ofMillis(500), 150 * MS);
        assertThat(l.reserve(150 * MS, 100 * T).atNanos()).as("nothing before the block ends at 650 ms").isEqualTo(650 * MS);
    }

    @Test
    void aimdWidensTheSpacingAndRewardsNarrowItAgain() {
        LocalFallbackLimiter l = limiter();
        l.penalize(null, 0);
        assertThat(l.factor()).isEqualTo(0.5);
        assertThat(l.reserve(0, 0).atNanos()).isZero();
        assertThat(l.reserve(0, 10 * T).atNanos()).as("half the rate: 200 ms apart").isEqualTo(2 * T);
        for (int i = 0; i < 10; i++) l.reward();
        assertThat(l.factor()).isEqualTo(1.0);
        assertThat(l.reserve(0, 10 * T).atNanos()).as("granted at half the rate").isEqualTo(4 * T);
        assertThat(l.reserve(0, 10 * T).atNanos()).as("full rate again: 100 ms apart").isEqualTo(5 * T);
    }
}
