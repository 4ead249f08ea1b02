package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Discogs: {@code /database/search?type=release&artist=&track=} and {@code /releases/{id}} with
 * {@code Authorization: Discogs token=...}. Every answer's {@code X-Discogs-Ratelimit-Remaining} goes to the
 * listener (Discogs sends no dependable Retry-After; the remaining count is its real signal). No ISRC lookup.
 */
public final class DiscogsClient extends ProviderClientBase {
    static final String SEARCH = "search", RELEASE = "release";
    private final String authorization;
    private final EnrichmentListener listener;

    public DiscogsClient(ProviderSettings settings, ProviderHttp http, String token, EnrichmentListener listener) {
        super(ProviderName.DISCOGS, http, settings);
        this.authorization = "Discogs token=" + token;
        this.listener = listener;
    }

    @Override
    protected CompletableFuture<List<Candidate>> byId(String releaseId, TrackQuery query, ProviderHttp via) {
        return call(via, RELEASE, "/releases/" + seg(releaseId)).thenApply(DiscogsParser::release);
    }

    @Override
    protected CompletableFuture<List<Candidate>> byIsrc(String isrc, TrackQuery query, ProviderHttp via) { return null; }

    @Override
    protected CompletableFuture<List<Candidate>> search(TrackQuery q, ProviderHttp via) {
        String path;
        if (q.artist() == null || q.artist().isBlank())
            path = "/database/search?type=release&q=" + enc(q.title().trim()) + "&per_page=" + settings.searchLimit();
        else if (q.title() == null || q.title().isBlank())
            path = "/database/search?type=release&artist=" + enc(q.artist().trim()) + "&per_page=" + settings.searchLimit();
        else
            path = "/database/search?type=release&artist=" + enc(q.artist().trim()) + "&track=" + enc(q.title().trim()) + "&per_page=" + settings.searchLimit();
        return call(via, SEARCH, path).thenApply(DiscogsParser::search);
    }

    private CompletableFuture<JsonNode> call(ProviderHttp via, String endpoint, String pathAndQuery) {
        return exchange(via, endpoint, get(settings.endpoints().discogs() + pathAndQuery).header("Authorization", authorization).build(), r -> {
            reportRemaining(r);
            if (ok(r)) return json(r, endpoint);
            // {"message": "You are making requests too quickly."} / {"message": "Release not found."}
            throw statusError(r, endpoint, Fields.text(jsonOrMissing(r), "message"));
        });
    }

    private void reportRemaining(HttpResponse<String> r) {
        r.headers().firstValue("X-Discogs-Ratelimit-Remaining").ifPresent(v -> {
            try { listener.rateLimitRemaining(name, Long.parseLong(v.trim())); } catch (NumberFormatException ignored) { /* not a count */ }
        });
    }
}
