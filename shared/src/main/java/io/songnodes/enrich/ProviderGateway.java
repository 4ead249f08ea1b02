package io.songnodes.enrich;

import java.util.List;

/**
 * What the waterfall calls: one provider lookup behind cache, circuit breaker, retries and the global
 * rate limit. A gateway never returns a provider that is switched off (no credentials): callers check
 * {@link #enabled} first.
 */
public interface ProviderGateway {
    boolean enabled(ProviderName provider);

    List<Candidate> lookup(ProviderName provider, TrackQuery query) throws ProviderException;
}
