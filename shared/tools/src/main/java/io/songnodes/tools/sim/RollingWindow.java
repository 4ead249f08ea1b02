package io.songnodes.tools.sim;

import java.util.ArrayDeque;

/**
 * An exact sliding-log limiter: a request is accepted only while fewer than {@code max} requests were accepted
 * in the last {@code window}. Written by hand because the simulator must refuse the first request over the
 * quota, exactly and without any burst allowance (token buckets such as resilience4j's let 2n pass around a
 * refresh boundary, which is the very bug the client tests must be able to detect). Refused requests do not
 * take a slot.
 */
final class RollingWindow {
    /** The verdict and the window state after it (Discogs reports used/remaining on every answer). */
    record Decision(boolean allowed, int max, int used, long waitNanos) {
        int remaining() { return Math.max(0, max - used); }
    }

    private final ArrayDeque<Long> accepted = new ArrayDeque<>();

    synchronized Decision tryAcquire(long nowNanos, int max, long windowNanos) {
        while (!accepted.isEmpty() && nowNanos - accepted.peekFirst() >= windowNanos) accepted.pollFirst();
        if (accepted.size() < max) {
            accepted.addLast(nowNanos);
            return new Decision(true, max, accepted.size(), 0);
        }
        long wait = accepted.peekFirst() + windowNanos - nowNanos;
        return new Decision(false, max, accepted.size(), Math.max(1, wait));
    }

    synchronized void clear() { accepted.clear(); }
}
