package io.songnodes.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits on a condition with a deadline, instead of sleeping for a guessed time. */
public final class Await {
    private Await() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** Waits until {@code value} returns the same result twice, 1 s apart, and returns it. */
    public static <T> T stable(String what, Duration timeout, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = value.get();
        while (true) {
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            T now = value.get();
            if (now.equals(last)) return now;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out after " + timeout + " waiting for " + what + " to settle");
            last = now;
        }
    }
}
