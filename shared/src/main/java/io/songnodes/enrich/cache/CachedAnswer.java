package io.songnodes.enrich.cache;

import io.songnodes.enrich.Candidate;
import java.util.List;

/**
 * A provider answer as stored in Redis: candidates, or a negative answer ({@code "empty"}: the search found
 * nothing; {@code "not_found"}: the provider said NOT_FOUND, e.g. an unknown id).
 */
public record CachedAnswer(List<Candidate> candidates, String negative) {
    public static final String EMPTY = "empty";
    public static final String NOT_FOUND = "not_found";

    public static CachedAnswer of(List<Candidate> candidates) {
        return candidates.isEmpty() ? new CachedAnswer(List.of(), EMPTY) : new CachedAnswer(List.copyOf(candidates), null);
    }
}
