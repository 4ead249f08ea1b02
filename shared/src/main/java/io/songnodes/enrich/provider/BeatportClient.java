package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Beatport v4 catalog with a user-supplied bearer token: {@code /v4/catalog/tracks/{id}},
 * {@code /v4/catalog/tracks/?isrc=} and {@code /v4/catalog/search?q=&type=tracks}. Errors use the Django
 * REST shape {@code {"detail": "..."}}: 401 bad token (permanent), 403 permission (capability missing),
 * 429 rate limited.
 */
public final class BeatportClient extends ProviderClientBase {
    static final String SEARCH = "search", TRACK = "track", TRACKS_BY_ISRC = "tracks_by_isrc";
    /** Tracks asked for when listing an artist: their catalogs run to dozens of versions. */
    static final int ARTIST_PAGE = 50;
    private final String authorization;

    public BeatportClient(ProviderSettings settings, ProviderHttp http, String token) {
        super(ProviderName.BEATPORT, http, settings);
        this.authorization = "Bearer " + token;
    }

    @Override
    protected CompletableFuture<List<Candidate>> byId(String id, TrackQuery query, ProviderHttp via) {
        return call(via, TRACK, "/v4/catalog/tracks/" + seg(id)).thenApply(body -> List.of(BeatportParser.track(body)));
    }

    @Override
    protected CompletableFuture<List<Candidate>> byIsrc(String isrc, TrackQuery query, ProviderHttp via) {
        return call(via, TRACKS_BY_ISRC, "/v4/catalog/tracks/?isrc=" + enc(isrc)).thenApply(BeatportParser::list);
    }

    @Override
    protected CompletableFuture<List<Candidate>> search(TrackQuery q, ProviderHttp via) {
        // the list filters serve the fallbacks: one field alone, and a whole page of an artist's tracks
        if (q.artist() == null || q.artist().isBlank())
            return call(via, SEARCH, "/v4/catalog/tracks/?name=" + enc(q.title().trim()) + "&per_page=" + settings.searchLimit()).thenApply(BeatportParser::list);
        if (q.title() == null || q.title().isBlank())
            return call(via, SEARCH, "/v4/catalog/tracks/?artist_name=" + enc(q.artist().trim()) + "&per_page=" + ARTIST_PAGE).thenApply(BeatportParser::list);
        return call(via, SEARCH, "/v4/catalog/search?q=" + enc(q.artist().trim() + " " + q.title().trim())
                + "&type=tracks&per_page=" + settings.searchLimit()).thenApply(BeatportParser::list);
    }

    private CompletableFuture<JsonNode> call(ProviderHttp via, String endpoint, String pathAndQuery) {
        return exchange(via, endpoint, get(settings.endpoints().beatport() + pathAndQuery).header("Authorization", authorization).build(), r -> {
            if (ok(r)) return json(r, endpoint);
            throw statusError(r, endpoint, Fields.text(jsonOrMissing(r), "detail"));
        });
    }
}
