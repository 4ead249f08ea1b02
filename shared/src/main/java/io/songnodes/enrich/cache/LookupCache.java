package io.songnodes.enrich.cache;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.resilience.RedisGuard;
import io.songnodes.enrich.resilience.RedisUnavailableException;
import io.songnodes.json.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.params.SetParams;

/**
 * Redis cache-aside of provider answers under {@code {prefix}cache:{provider}:{sha256}} (JSON, with a TTL).
 * Every Redis fault turns into a bypass that is reported and counted, never into a failed lookup.
 */
public final class LookupCache {
    private static final Logger LOG = LoggerFactory.getLogger(LookupCache.class);

    /** What a read found. */
    public sealed interface Read permits Hit, Miss, Bypassed {}

    public record Hit(CachedAnswer answer) implements Read {}

    public record Miss() implements Read {}

    public record Bypassed() implements Read {}

    private final RedisGuard redis;
    private final EnrichmentListener listener;
    private final LongAdder bypassed = new LongAdder();

    public LookupCache(RedisGuard redis, EnrichmentListener listener) {
        this.redis = redis;
        this.listener = listener == null ? EnrichmentListener.NONE : listener;
    }

    /** Reads {@code key}; emits cacheHit, cacheMiss or cacheBypassed. An unreadable entry counts as a miss. */
    public Read get(ProviderName provider, String key) {
        String json;
        try {
            json = redis.call(j -> j.get(redis.key(key)));
        } catch (RedisUnavailableException e) {
            bypass(provider, e);
            return new Bypassed();
        }
        if (json != null) {
            try {
                CachedAnswer answer = Json.read(json, CachedAnswer.class);
                listener.cacheHit(provider);
                return new Hit(answer);
            } catch (IOException e) {
                LOG.warn("{} cache entry {} unreadable, treated as a miss: {}", provider.id(), key, e.getMessage());
            }
        }
        listener.cacheMiss(provider);
        return new Miss();
    }

    /** Reads {@code key} without reporting anything (the single-flight leader's re-check). */
    public CachedAnswer peek(String key) {
        try {
            String json = redis.call(j -> j.get(redis.key(key)));
            return json == null ? null : Json.read(json, CachedAnswer.class);
        } catch (RedisUnavailableException | IOException e) {
            return null;
        }
    }

    /** Stores {@code answer} for {@code ttl}; returns false (and logs at debug) when Redis is unavailable. */
    public boolean put(ProviderName provider, String key, CachedAnswer answer, Duration ttl) {
        String json = Json.write(answer);
        try {
            redis.call(j -> j.set(redis.key(key), json, SetParams.setParams().px(ttl.toMillis())));
            return true;
        } catch (RedisUnavailableException e) {
            LOG.debug("{} answer not cached: {}", provider.id(), e.getMessage());
            return false;
        }
    }

    /** Lookups that ran without the cache because Redis was unavailable. */
    public long bypassed() { return bypassed.sum(); }

    private void bypass(ProviderName provider, RedisUnavailableException e) {
        bypassed.increment();
        LOG.debug("{} cache bypassed: {}", provider.id(), e.getMessage());
        listener.cacheBypassed(provider);
    }
}
