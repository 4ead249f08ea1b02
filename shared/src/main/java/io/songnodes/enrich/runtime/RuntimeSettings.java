package io.songnodes.enrich.runtime;

import java.io.Serializable;
import java.net.URI;

/**
 * Where the enrichment core's infrastructure is: Redis for the cache and the global limits, and an
 * optional single base URL that stands in for all six providers (the simulator, a mirror).
 *
 * @param redisUri     {@code redis://host:port}
 * @param redisPrefix  key prefix; every process sharing one quota must use the same prefix
 * @param providersUrl when set, every provider is served from this URL (see {@code ProviderEndpoints.allAt})
 * @param contact      contact URL or e-mail for the User-Agent MusicBrainz and Discogs require
 */
public record RuntimeSettings(String redisUri, String redisPrefix, String providersUrl, String contact) implements Serializable {
    public static final String DEFAULT_CONTACT = "https://github.com/songnodes/songnodes";

    public String redisHost() { return URI.create(redisUri).getHost(); }

    public int redisPort() {
        int p = URI.create(redisUri).getPort();
        return p < 0 ? 6379 : p;
    }
}
