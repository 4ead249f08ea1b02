package io.songnodes.enrich.cache;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Concurrent identical lookups in one process share one provider call: the first caller starts it, the others
 * get its answer or its error. Each caller gets its own future: cancelling it (a timed-out track) leaves the
 * others waiting, and the shared call is cancelled only when every caller has gone. Written by hand: neither
 * jedis nor resilience4j offers request coalescing, and a Caffeine-style loading cache would keep answers that
 * belong in Redis.
 */
public final class SingleFlight<V> {
    private static final class Flight<V> {
        final CompletableFuture<V> result = new CompletableFuture<>();
        CompletableFuture<V> source;
        int callers;
        boolean abandoned;
    }

    private final Map<String, Flight<V>> flights = new HashMap<>();
    private final LongAdder joined = new LongAdder();

    /** The answer of the running call for {@code key}, or of {@code call} started now when none runs. */
    public CompletableFuture<V> run(String key, Supplier<CompletableFuture<V>> call) {
        Flight<V> flight;
        boolean leader;
        synchronized (this) {
            flight = flights.get(key);
            leader = flight == null;
            if (leader) {
                flight = new Flight<>();
                flights.put(key, flight);
            } else {
                joined.increment();
            }
            flight.callers++;
        }
        Flight<V> f = flight;
        CompletableFuture<V> mine = new CompletableFuture<>();
        f.result.whenComplete((v, t) -> {
            if (t != null) mine.completeExceptionally(t);
            else mine.complete(v);
        });
        mine.whenComplete((v, t) -> {
            if (mine.isCancelled()) leave(key, f);
        });
        if (leader) start(key, f, call);
        return mine;
    }

    private void start(String key, Flight<V> f, Supplier<CompletableFuture<V>> call) {
        CompletableFuture<V> source;
        try {
            source = call.get();
        } catch (RuntimeException | Error e) {
            source = CompletableFuture.failedFuture(e);
        }
        boolean abandoned;
        synchronized (this) {
            f.source = source;
            abandoned = f.abandoned;
        }
        if (abandoned) source.cancel(true);
        source.whenComplete((v, t) -> {
            // gone before the callers hear of it, so a caller arriving after the answer starts afresh
            synchronized (this) { flights.remove(key, f); }
            if (t != null) f.result.completeExceptionally(t);
            else f.result.complete(v);
        });
    }

    private void leave(String key, Flight<V> f) {
        CompletableFuture<V> source;
        synchronized (this) {
            if (--f.callers > 0) return;
            f.abandoned = true;
            flights.remove(key, f);
            source = f.source;
        }
        if (source != null) source.cancel(true);
    }

    /** Callers that joined another caller's flight instead of calling. */
    public long joined() { return joined.sum(); }

    /** Flights running now. */
    public synchronized int inFlight() { return flights.size(); }
}
