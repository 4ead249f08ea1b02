package io.songnodes.enrich.config;

import io.songnodes.enrich.ProviderName;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;

/**
 * One provider's operating limits and endpoints.
 *
 * @param rate             the quota the global limiter enforces across every job and subtask
 * @param burst            permits that may be taken at once; at most {@code rate.permits()}, so no window sends more than its quota
 * @param timeout          per-call timeout
 * @param cacheTtl         how long a provider answer stays in the Redis cache
 * @param negativeCacheTtl how long a "nothing found" answer stays cached (shorter: catalogs grow)
 * @param costPerCallUsd   cost estimate per call, for the cost metric
 * @param baseUrl          API root the request paths are appended to (a simulator or mirror can stand in)
 * @param authUrl          root of the OAuth token service for client-credentials providers (Spotify:
 *                         https://accounts.spotify.com, the client appends /api/token), else null
 * @param enabled          false switches the provider off without removing it from field orders
 * @param freshnessTtl     scheduled re-enrichment asks this provider again for a track after this long
 */
public record ProviderConfig(ProviderName provider, Rate rate, int burst, Duration timeout, Duration cacheTtl,
                             Duration negativeCacheTtl, double costPerCallUsd, URI baseUrl, URI authUrl,
                             boolean enabled, Duration freshnessTtl) implements Serializable {}
