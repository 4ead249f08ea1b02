package io.songnodes.tools.sim;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Memoises a provider's answers per method, path and query: the catalog and the fixtures never change while the
 * simulator runs, and rendering a body (hashing synthetic ids, writing JSON) costs more than serving it. Endpoints
 * whose answers vary per call (a fresh Spotify token, a MusicBrainz search's "created" time) are not cached.
 */
final class CachingApi implements ProviderApi {
    private static final int MAX_ENTRIES = 20_000;

    private final ProviderApi delegate;
    private final Set<String> uncached;
    private final ConcurrentHashMap<String, Answer> cache = new ConcurrentHashMap<>();

    CachingApi(ProviderApi delegate, Set<String> uncachedEndpoints) {
        this.delegate = delegate;
        this.uncached = uncachedEndpoints;
    }

    @Override
    public String endpoint(SimRequest r) { return delegate.endpoint(r); }

    @Override
    public Answer serve(SimRequest r) {
        if (uncached.contains(delegate.endpoint(r))) return delegate.serve(r);
        String key = r.method() + ' ' + r.path() + '?' + r.query();
        Answer hit = cache.get(key);
        if (hit != null) return hit;
        Answer a = delegate.serve(r);
        if (cache.size() >= MAX_ENTRIES) cache.clear();
        cache.put(key, a);
        return a;
    }
}
