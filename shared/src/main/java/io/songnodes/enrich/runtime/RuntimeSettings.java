package io.songnodes.enrich.runtime;

import java.io.Serializable;
import io.songnodes.config.ConfigException;
import java.net.URI;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Where the enrichment core's infrastructure is: Redis for the cache and the global limits, and an
 * optional single base URL that stands in for all six providers (the simulator, a mirror).
 *
 * @param redisUri     {@code redis://[user:password@]host:port[/db]} or {@code rediss://} (TLS); every part is used
 * @param redisPrefix  key prefix; every process sharing one quota must use the same prefix
 * @param providersUrl when set, every provider is served from this URL (see {@code ProviderEndpoints.allAt})
 * @param contact      contact URL or e-mail for the User-Agent MusicBrainz and Discogs require
 */
public record RuntimeSettings(String redisUri, String redisPrefix, String providersUrl, String contact) implements Serializable {
    public static final String DEFAULT_CONTACT = "https://github.com/songnodes/songnodes";

    public RuntimeSettings {
        URI u;
        try {
            u = URI.create(redisUri);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--redis-uri", "not a URI (expected redis://[user:password@]host:port[/db] or rediss://...)");
        }
        if (!JedisURIHelper.isValid(u) || !("redis".equals(u.getScheme()) || "rediss".equals(u.getScheme()))) {
            throw new ConfigException("--redis-uri", "expected redis://[user:password@]host:port[/db] or rediss://..., was " + redact(redisUri));
        }
    }

    public URI redis() { return URI.create(redisUri); }

    public String redisHost() { return redis().getHost(); }

    public int redisPort() {
        int p = redis().getPort();
        return p < 0 ? 6379 : p;
    }

    /** The URI with any password masked. */
    static String redact(String uri) { return uri == null ? null : uri.replaceAll("//([^/@]*):[^/@]*@", "//$1:***@"); }

    @Override public String toString() {
        return "RuntimeSettings[redisUri=" + redact(redisUri) + ", redisPrefix=" + redisPrefix + ", providersUrl=" + providersUrl
                + ", contact=" + contact + "]";
    }
}
