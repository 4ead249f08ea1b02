package io.songnodes.enrich.cache;

import io.songnodes.enrich.ProviderException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Concurrent identical lookups in one process share one provider call: the first caller runs it, the others
 * wait for its answer or its error. Written by hand: neither jedis nor resilience4j offers request coalescing,
 * and a Caffeine-style loading cache would keep answers that belong in Redis.
 */
public final class SingleFlight<V> {
    /** The shared call. */
    @FunctionalInterface
    public interface Call<V> {
        V run() throws ProviderException;
    }

    private final ConcurrentHashMap<String, CompletableFuture<V>> flights = new ConcurrentHashMap<>();
    private final LongAdder joined = new LongAdder();

    public V run(String key, Call<V> call) throws ProviderException {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = flights.putIfAbsent(key, mine);
        if (running != null) {
            joined.increment();
            return await(running);
        }
        try {
            V v = call.run();
            mine.complete(v);
            return v;
        } catch (ProviderException | RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    /** Callers that joined another caller's flight instead of calling. */
    public long joined() { return joined.sum(); }

    /** Flights running now. */
    public int inFlight() { return flights.size(); }

    private V await(CompletableFuture<V> running) throws ProviderException {
        try {
            return running.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException("single-flight", ProviderException.Kind.TRANSIENT, null, null, "interrupted waiting for a shared lookup");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ProviderException pe) throw pe;
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }
}
