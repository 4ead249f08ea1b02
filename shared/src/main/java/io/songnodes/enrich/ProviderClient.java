package io.songnodes.enrich;

import java.util.List;

/**
 * One provider's API. Implementations build the real requests and parse the real bodies; they do not
 * retry, rate-limit or cache: the resilience layer wraps every call.
 */
public interface ProviderClient {
    ProviderName name();

    /** Candidates for the query: an exact id lookup when {@code query.knownIds()} has a usable id, else a search. */
    List<Candidate> lookup(TrackQuery query) throws ProviderException;
}
