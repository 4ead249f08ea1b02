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
import java.util.concurrent.CompletableFuture;
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
    protected CompletableFuture<List<Candidate>> byId(String id, TrackQuery query, ProviderHttp via) {
        return call(via, TRACK, api("/v1/tracks/" + seg(id))).thenApply(body -> SpotifyParser.track(body, id))
                .thenCompose(c -> features(List.of(id), via).thenApply(f -> List.of(SpotifyParser.withFeatures(c, f.get(id)))));
    }

    @Override
    protected CompletableFuture<List<Candidate>> byIsrc(String isrc, TrackQuery query, ProviderHttp via) {
        return withFeatures(searchQ("isrc:" + isrc, via), via);
    }

    @Override
    protected CompletableFuture<List<Candidate>> search(TrackQuery q, ProviderHttp via) {
        if (q.artist() == null || q.artist().isBlank()) return withFeatures(searchQ(unquote(q.title()), q.offset(), via), via);
        if (q.title() == null || q.title().isBlank()) return withFeatures(searchQ("artist:\"" + unquote(q.artist()) + "\"", q.offset(), via), via);
        return withFeatures(searchQ("track:\"" + unquote(q.title()) + "\" artist:\"" + unquote(q.artist()) + "\"", q.offset(), via), via);
    }

    private CompletableFuture<List<Candidate>> searchQ(String q, ProviderHttp via) { return searchQ(q, 0, via); }

    /** One page of hits from {@code offset} (a fallback's next page: Spotify pages with {@code offset}, at most 10 a page). */
    private CompletableFuture<List<Candidate>> searchQ(String q, int offset, ProviderHttp via) {
        return call(via, SEARCH, api("/v1/search?q=" + enc(q) + "&type=track&limit=" + Math.min(settings.searchLimit(), MAX_SEARCH_LIMIT)
                + (offset > 0 ? "&offset=" + offset : ""))).thenApply(SpotifyParser::search);
    }

    /** The search page, then one audio-features request for all its ids (it needs the ids the search found). */
    private CompletableFuture<List<Candidate>> withFeatures(CompletableFuture<List<Candidate>> found, ProviderHttp via) {
        return found.thenCompose(candidates -> {
            if (candidates.isEmpty()) return CompletableFuture.completedFuture(candidates);
            return features(candidates.stream().map(Candidate::recordId).distinct().toList(), via).thenApply(f -> {
                List<Candidate> out = new ArrayList<>(candidates.size());
                for (Candidate c : candidates) out.add(SpotifyParser.withFeatures(c, f.get(c.recordId())));
                return out;
            });
        });
    }

    /** Audio features by id; empty when the capability is off or Spotify has none for these ids. */
    private CompletableFuture<Map<String, SpotifyParser.Features>> features(List<String> ids, ProviderHttp via) {
        if (audioFeaturesOff.get() || ids.isEmpty()) return CompletableFuture.completedFuture(Map.of());
        String url = ids.size() == 1 ? api("/v1/audio-features/" + seg(ids.get(0)))
                : api("/v1/audio-features?ids=" + String.join(",", ids.stream().map(ProviderClientBase::enc).toList()));
        CompletableFuture<Map<String, SpotifyParser.Features>> f = call(via, AUDIO_FEATURES, url).thenApply(body -> {
            if (ids.size() == 1) {
                SpotifyParser.Features one = SpotifyParser.features(body);
                return one == null ? Map.<String, SpotifyParser.Features>of() : Map.of(ids.get(0), one);
            }
            return SpotifyParser.featuresBatch(body);
        });
        return f.handle((v, t) -> {
            if (t == null) return CompletableFuture.completedFuture(v);
            Throwable c = ProviderHttp.unwrap(t);
            if (c instanceof ProviderException e) {
                if (e.kind() == Kind.CAPABILITY_MISSING) {
                    switchOffAudioFeatures(e);
                    return CompletableFuture.completedFuture(Map.<String, SpotifyParser.Features>of());
                }
                // a track without analysis: candidates stand without it
                if (e.kind() == Kind.NOT_FOUND) return CompletableFuture.completedFuture(Map.<String, SpotifyParser.Features>of());
            }
            return CompletableFuture.<Map<String, SpotifyParser.Features>>failedFuture(c);
        }).thenCompose(x -> x);
    }

    private void switchOffAudioFeatures(ProviderException cause) {
        if (audioFeaturesOff.compareAndSet(false, true)) {
            LOG.warn("spotify audio-features switched off for this run: {}", cause.getMessage());
            listener.capabilitySwitchedOff(name, AUDIO_FEATURES);
        }
    }

    /** One authorised GET; a 401 (token expired early or revoked) refreshes the token once. */
    private CompletableFuture<JsonNode> call(ProviderHttp via, String endpoint, String url) { return call(via, endpoint, url, 0); }

    private CompletableFuture<JsonNode> call(ProviderHttp via, String endpoint, String url, int attempt) {
        return tokens.token().thenCompose(token -> send(via, endpoint, get(url).header("Authorization", "Bearer " + token).build())
                .thenCompose(r -> {
                    if (r.statusCode() == 401 && attempt == 0) {
                        tokens.invalidate(token);
                        return call(via, endpoint, url, 1);
                    }
                    return attempt(() -> {
                        if (ok(r)) return json(r, endpoint);
                        // Web API error object {"error":{"status":429,"message":"API rate limit exceeded"}}; a 429 may have an empty body
                        String message = Fields.text(jsonOrMissing(r).path("error"), "message");
                        throw statusError(r, endpoint, message);
                    });
                }));
    }

    private String api(String pathAndQuery) { return settings.endpoints().spotifyApi() + pathAndQuery; }

    private static String unquote(String s) { return s.replace("\"", " ").trim(); }
}
