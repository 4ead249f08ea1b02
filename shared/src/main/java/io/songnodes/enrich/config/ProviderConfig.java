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
 * @param costPerCallUsd   price of one HTTP request in USD: the cost metric, and what each request takes from the monthly budget
 * @param baseUrl          API root the request paths are appended to (a simulator or mirror can stand in)
 * @param authUrl          root of the OAuth token service for client-credentials providers (Spotify:
 *                         https://accounts.spotify.com, the client appends /api/token), else null
 * @param enabled          false switches the provider off without removing it from field orders
 * @param freshnessTtl     scheduled re-enrichment asks this provider again for a track after this long
 * @param monthlyBudgetUsd spend allowed per calendar month (UTC) across every job and the CLI, or null for none;
 *                         once spent, the provider is skipped until the 1st and its fields fall to the next provider
 */
public record ProviderConfig(ProviderName provider, Rate rate, int burst, Duration timeout, Duration cacheTtl,
                             Duration negativeCacheTtl, double costPerCallUsd, URI baseUrl, URI authUrl,
                             boolean enabled, Duration freshnessTtl, Double monthlyBudgetUsd) implements Serializable {

    /** The same provider with another monthly budget (null: none). */
    public ProviderConfig withMonthlyBudgetUsd(Double budget) {
        return new ProviderConfig(provider, rate, burst, timeout, cacheTtl, negativeCacheTtl, costPerCallUsd, baseUrl, authUrl,
                enabled, freshnessTtl, budget);
    }
}
