package io.songnodes.enrich;

import java.time.Duration;

/**
 * Every event the enrichment core emits, in one interface. Flink jobs bind it to metric groups; the CLI
 * prints or ignores it. Methods default to no-ops so a listener implements only what it shows.
 * Label values are fixed sets: provider ids, the statuses of {@code enrichment_api_calls_total}, and so on.
 */
public interface EnrichmentListener {
    EnrichmentListener NONE = new EnrichmentListener() {};

    /** One HTTP request to a provider ended; status is success, not_found, error, rate_limited, circuit_open or timeout. */
    default void apiCall(ProviderName provider, String endpoint, String status, Duration latency, double costUsd) {}

    /** A provider error by class (ProviderException.Kind name, lower case). */
    default void apiError(ProviderName provider, String errorType) {}

    /** Remaining quota a provider reported in its response headers. */
    default void rateLimitRemaining(ProviderName provider, long remaining) {}

    default void cacheHit(ProviderName provider) {}

    default void cacheMiss(ProviderName provider) {}

    /** The cache could not be used (Redis down); the lookup went to the provider. */
    default void cacheBypassed(ProviderName provider) {}

    /** Breaker state changed; state is closed, half_open or open. */
    default void breakerTransition(ProviderName provider, String toState) {}

    /** Time spent waiting for a global rate-limit permit, and the permits left and the capacity after it. */
    default void limiterWait(ProviderName provider, Duration waited, double tokensAvailable, double capacity) {}

    /** A retry is about to happen; attempt is 1 for the first retry. */
    default void retry(ProviderName provider, int attempt) {}

    /** An endpoint was switched off for the run (capability 403). */
    default void capabilitySwitchedOff(ProviderName provider, String endpoint) {}

    /** A provider won a field. */
    default void fieldWon(ProviderName provider, String field) {}

    /** A field was not won by {@code from} and the waterfall moved on to {@code to}. */
    default void fallback(ProviderName from, ProviderName to, String field) {}

    /**
     * A provider's search found no confident candidate and one fallback search was made; kind is
     * free_text, artist_only or title_only (FallbackPlanner.Kind).
     */
    default void fallbackSearch(ProviderName provider, String kind) {}

    /** One track's waterfall finished, with the number of fields it filled. */
    default void trackEnriched(String status, int fieldsEnriched) {}
}
