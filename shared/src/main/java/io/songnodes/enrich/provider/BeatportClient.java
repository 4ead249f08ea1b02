package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.net.http.HttpResponse;
import java.util.List;

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
    protected List<Candidate> byId(String id, TrackQuery query) throws ProviderException {
        return List.of(BeatportParser.track(call(TRACK, "/v4/catalog/tracks/" + seg(id))));
    }

    @Override
    protected List<Candidate> byIsrc(String isrc, TrackQuery query) throws ProviderException {
        return BeatportParser.list(call(TRACKS_BY_ISRC, "/v4/catalog/tracks/?isrc=" + enc(isrc)));
    }

    @Override
    protected List<Candidate> search(TrackQuery q) throws ProviderException {
        // the list filters serve the fallbacks: one field alone, and a whole page of an artist's tracks
        if (q.artist() == null || q.artist().isBlank())
            return BeatportParser.list(call(SEARCH, "/v4/catalog/tracks/?name=" + enc(q.title().trim()) + "&per_page=" + settings.searchLimit()));
        if (q.title() == null || q.title().isBlank())
            return BeatportParser.list(call(SEARCH, "/v4/catalog/tracks/?artist_name=" + enc(q.artist().trim()) + "&per_page=" + ARTIST_PAGE));
        return BeatportParser.list(call(SEARCH, "/v4/catalog/search?q=" + enc(q.artist().trim() + " " + q.title().trim())
                + "&type=tracks&per_page=" + settings.searchLimit()));
    }

    private JsonNode call(String endpoint, String pathAndQuery) throws ProviderException {
        HttpResponse<String> r = send(endpoint, get(settings.endpoints().beatport() + pathAndQuery)
                .header("Authorization", authorization).build());
        if (ok(r)) return json(r, endpoint);
        throw statusError(r, endpoint, Fields.text(jsonOrMissing(r), "detail"));
    }
}
