package io.songnodes.enrich;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One provider's API. Implementations build the real requests and parse the real bodies; they do not
 * retry, rate-limit or cache: the resilience layer wraps every call.
 */
public interface ProviderClient {
    ProviderName name();

    /**
     * Candidates for the query: an exact id lookup when {@code query.knownIds()} has a usable id, else a search.
     * Every request goes through {@code http} (the gateway passes one that records and cancels one attempt's
     * requests); steps that need an earlier answer are chained on it, none blocks a thread.
     */
    CompletableFuture<List<Candidate>> lookupAsync(TrackQuery query, ProviderHttp http);

    /** The same over the client's own transport, waiting for the answer (tools and tests). */
    List<Candidate> lookup(TrackQuery query) throws ProviderException;
}
