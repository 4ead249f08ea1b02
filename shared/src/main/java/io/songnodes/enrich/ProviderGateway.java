package io.songnodes.enrich;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the waterfall calls: one provider lookup behind cache, circuit breaker, retries and the global
 * rate limit. A gateway never returns a provider that is switched off (no credentials): callers check
 * {@link #enabled} first. An implementation provides at least one of the two lookups; each defaults to the other.
 */
public interface ProviderGateway {
    boolean enabled(ProviderName provider);

    /** The lookup, waiting for it (the CLI, the synchronous waterfall). */
    default List<Candidate> lookup(ProviderName provider, TrackQuery query) throws ProviderException {
        return ProviderHttp.await(lookupAsync(provider, query), provider);
    }

    /**
     * The lookup without blocking: the future fails with a {@link ProviderException} for a provider error, and
     * cancelling it gives up the lookup (its requests not yet sent are never sent).
     */
    default CompletableFuture<List<Candidate>> lookupAsync(ProviderName provider, TrackQuery query) {
        try {
            return CompletableFuture.completedFuture(lookup(provider, query));
        } catch (ProviderException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
