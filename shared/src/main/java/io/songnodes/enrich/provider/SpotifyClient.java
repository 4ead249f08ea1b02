package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spotify Web API: {@code /v1/tracks/{id}}, {@code /v1/search?type=track} (field filters, or {@code isrc:}),
 * completed from {@code /v1/audio-features} (single id, or the batch {@code ?ids=} form for a search page:
 * one request instead of ten). A 403 on audio-features means the app lacks that capability (apps created
 * after 2024-11-27): the endpoint is switched off for the run and the candidates go out without features.
 */
public final class SpotifyClient extends ProviderClientBase {
    static final String SEARCH = "search", TRACK = "track", AUDIO_FEATURES = "audio_features";
    // development-mode apps get a 400 above 10 results per search page (since 2026)
    static final int MAX_SEARCH_LIMIT = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SpotifyClient.class);

    private final SpotifyTokenSource tokens;
    private final EnrichmentListener listener;
    private final AtomicBoolean audioFeaturesOff;

    public SpotifyClient(ProviderSettings settings, ProviderHttp http, String clientId, String clientSecret,
                         EnrichmentListener listener, Clock clock) {
        super(ProviderName.SPOTIFY, http, settings);
        this.tokens = new SpotifyTokenSource(http, settings, clientId, clientSecret, clock);
        this.listener = listener;
        this.audioFeaturesOff = new AtomicBoolean(!settings.spotifyAudioFeatures());
    }

    /** True once audio-features answered 403 (or was switched off by config). */
    public boolean audioFeaturesSwitchedOff() { return audioFeaturesOff.get(); }

    @Override
    protected List<Candidate> byId(String id, TrackQuery query) throws ProviderException {
        JsonNode body = call(TRACK, api("/v1/tracks/" + seg(id)));
        Candidate c = SpotifyParser.track(body, id);
        return List.of(SpotifyParser.withFeatures(c, features(List.of(id)).get(id)));
    }

    @Override
    protected List<Candidate> byIsrc(String isrc, TrackQuery query) throws ProviderException {
        return withFeatures(searchQ("isrc:" + isrc));
    }

    @Override
    protected List<Candidate> search(TrackQuery q) throws ProviderException {
        if (q.artist() == null || q.artist().isBlank()) return withFeatures(searchQ(unquote(q.title()), q.offset()));
        if (q.title() == null || q.title().isBlank()) return withFeatures(searchQ("artist:\"" + unquote(q.artist()) + "\"", q.offset()));
        return withFeatures(searchQ("track:\"" + unquote(q.title()) + "\" artist:\"" + unquote(q.artist()) + "\"", q.offset()));
    }

    private List<Candidate> searchQ(String q) throws ProviderException { return searchQ(q, 0); }

    /** One page of hits from {@code offset} (a fallback's next page; Spotify pages with {@code offset}, at most 10 a page). */
    private List<Candidate> searchQ(String q, int offset) throws ProviderException {
        return SpotifyParser.search(call(SEARCH, api("/v1/search?q=" + enc(q) + "&type=track&limit=" + pageSize()
                + (offset > 0 ? "&offset=" + offset : ""))));
    }

    /** Hits per search page. */
    public int pageSize() { return Math.min(settings.searchLimit(), MAX_SEARCH_LIMIT); }

    private List<Candidate> withFeatures(List<Candidate> candidates) throws ProviderException {
        if (candidates.isEmpty()) return candidates;
        Map<String, SpotifyParser.Features> f = features(candidates.stream().map(Candidate::recordId).distinct().toList());
        List<Candidate> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) out.add(SpotifyParser.withFeatures(c, f.get(c.recordId())));
        return out;
    }

    /** Audio features by id; empty when the capability is off or Spotify has none for these ids. */
    private Map<String, SpotifyParser.Features> features(List<String> ids) throws ProviderException {
        if (audioFeaturesOff.get() || ids.isEmpty()) return Map.of();
        String url = ids.size() == 1 ? api("/v1/audio-features/" + seg(ids.get(0)))
                : api("/v1/audio-features?ids=" + String.join(",", ids.stream().map(ProviderClientBase::enc).toList()));
        try {
            JsonNode body = call(AUDIO_FEATURES, url);
            if (ids.size() == 1) {
                SpotifyParser.Features one = SpotifyParser.features(body);
                return one == null ? Map.of() : Map.of(ids.get(0), one);
            }
            return SpotifyParser.featuresBatch(body);
        } catch (ProviderException e) {
            if (e.kind() == Kind.CAPABILITY_MISSING) {
                switchOffAudioFeatures(e);
                return Map.of();
            }
            if (e.kind() == Kind.NOT_FOUND) return Map.of(); // a track without analysis: candidates stand without it
            throw e;
        }
    }

    private void switchOffAudioFeatures(ProviderException cause) {
        if (audioFeaturesOff.compareAndSet(false, true)) {
            LOG.warn("spotify audio-features switched off for this run: {}", cause.getMessage());
            listener.capabilitySwitchedOff(name, AUDIO_FEATURES);
        }
    }

    /** One authorised GET; a 401 (token expired early or revoked) refreshes the token once. */
    private JsonNode call(String endpoint, String url) throws ProviderException {
        for (int attempt = 0; ; attempt++) {
            String token = tokens.token();
            HttpRequest request = get(url).header("Authorization", "Bearer " + token).build();
            HttpResponse<String> r = send(endpoint, request);
            if (ok(r)) return json(r, endpoint);
            if (r.statusCode() == 401 && attempt == 0) {
                tokens.invalidate(token);
                continue;
            }
            // Web API error object {"error":{"status":429,"message":"API rate limit exceeded"}}; a 429 may have an empty body
            String message = Fields.text(jsonOrMissing(r).path("error"), "message");
            throw statusError(r, endpoint, message);
        }
    }

    private String api(String pathAndQuery) { return settings.endpoints().spotifyApi() + pathAndQuery; }

    private static String unquote(String s) { return s.replace("\"", " ").trim(); }
}
