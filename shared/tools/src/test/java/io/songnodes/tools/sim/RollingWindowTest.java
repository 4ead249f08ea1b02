package io.songnodes.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The sliding log refuses exactly the request over the quota, at any point of the window. */
class RollingWindowTest {
    private static final long S = 1_000_000_000L;

    @Test
    void neverMoreThanMaxInAnyWindow() {
        RollingWindow w = new RollingWindow();
        // 5 per second; requests every 100 ms for 10 s: exactly 5 of every 10 pass, never 2n around a boundary
        int accepted = 0;
        long[] acceptedAt = new long[200];
        for (long t = 0; t < 10 * S; t += S / 10) {
            if (w.tryAcquire(t, 5, S).allowed()) acceptedAt[accepted++] = t;
        }
        assertThat(accepted).isEqualTo(50);
        for (int i = 5; i < accepted; i++) assertThat(acceptedAt[i] - acceptedAt[i - 5]).isGreaterThanOrEqualTo(S);
    }

    @Test
    void refusalTellsWhenASlotFrees() {
        RollingWindow w = new RollingWindow();
        assertThat(w.tryAcquire(0, 1, S).allowed()).isTrue();
        RollingWindow.Decision refused = w.tryAcquire(S / 4, 1, S);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.waitNanos()).isEqualTo(3 * S / 4);
        assertThat(w.tryAcquire(S, 1, S).allowed()).as("the window is half-open: a slot frees exactly one window later").isTrue();
    }

    @Test
    void refusedRequestsDoNotTakeASlot() {
        RollingWindow w = new RollingWindow();
        w.tryAcquire(0, 2, S);
        w.tryAcquire(1, 2, S);
        for (int i = 0; i < 100; i++) assertThat(w.tryAcquire(2 + i, 2, S).allowed()).isFalse();
        RollingWindow.Decision d = w.tryAcquire(S, 2, S);
        assertThat(d.allowed()).isTrue();
        assertThat(d.used()).isEqualTo(2);
        assertThat(d.remaining()).isZero();
    }

    @Test
    void clearEmptiesTheWindow() {
        RollingWindow w = new RollingWindow();
        w.tryAcquire(0, 1, S);
        w.clear();
        assertThat(w.tryAcquire(1, 1, S).allowed()).isTrue();
    }
}
