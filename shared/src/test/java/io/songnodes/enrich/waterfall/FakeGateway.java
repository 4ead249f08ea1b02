package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderGateway;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An in-memory provider lookup: answers from candidate lists (or a function of the query), records every
 * query it receives, and can fail a provider with a given error kind. A fake of a provider lookup only.
 */
final class FakeGateway implements ProviderGateway {
    private final Map<ProviderName, Function<TrackQuery, List<Candidate>>> answers = new EnumMap<>(ProviderName.class);
    private final Map<ProviderName, ProviderException.Kind> failures = new EnumMap<>(ProviderName.class);
    private final Set<ProviderName> disabled = EnumSet.noneOf(ProviderName.class);
    final List<Map.Entry<ProviderName, TrackQuery>> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

    FakeGateway answer(ProviderName p, Candidate... candidates) {
        answers.put(p, q -> List.of(candidates));
        return this;
    }

    FakeGateway answer(ProviderName p, Function<TrackQuery, List<Candidate>> f) {
        answers.put(p, f);
        return this;
    }

    FakeGateway fail(ProviderName p, ProviderException.Kind kind) {
        failures.put(p, kind);
        return this;
    }

    /** Answers {@link #lookupAsync} on {@code pool} (a provider that takes its time); cancelling a lookup interrupts it. */
    FakeGateway async(java.util.concurrent.ExecutorService pool) {
        this.pool = pool;
        return this;
    }

    private java.util.concurrent.ExecutorService pool;

    @Override
    public java.util.concurrent.CompletableFuture<List<Candidate>> lookupAsync(ProviderName provider, TrackQuery query) {
        if (pool == null) return ProviderGateway.super.lookupAsync(provider, query);
        java.util.concurrent.CompletableFuture<List<Candidate>> f = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.Future<?> task = pool.submit(() -> {
            try {
                f.complete(lookup(provider, query));
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        f.whenComplete((r, t) -> {
            if (f.isCancelled()) task.cancel(true);
        });
        return f;
    }

    FakeGateway disable(ProviderName p) {
        disabled.add(p);
        return this;
    }

    @Override public boolean enabled(ProviderName provider) { return !disabled.contains(provider); }

    @Override public List<Candidate> lookup(ProviderName provider, TrackQuery query) throws ProviderException {
        if (disabled.contains(provider)) throw new AssertionError("a disabled provider was asked: " + provider);
        calls.add(Map.entry(provider, query));
        ProviderException.Kind k = failures.get(provider);
        if (k != null) throw new ProviderException(provider.id(), k, k == ProviderException.Kind.PERMANENT ? 400 : 503, null, "injected " + k);
        Function<TrackQuery, List<Candidate>> f = answers.get(provider);
        return f == null ? List.of() : f.apply(query);
    }

    long calls(ProviderName p) { return calls.stream().filter(c -> c.getKey() == p).count(); }

    TrackQuery query(ProviderName p) {
        return calls.stream().filter(c -> c.getKey() == p).map(Map.Entry::getValue).findFirst().orElseThrow();
    }
}
