package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Last.fm: {@code track.getInfo} (by MusicBrainz id when one is known, else artist and track with
 * autocorrect), completed by {@code track.getTopTags} when getInfo carries no tags. Errors arrive as JSON
 * {@code {"error":N,"message":...}} whatever the HTTP status: 29 rate limit, 6 not found, 26 suspended key,
 * 10 invalid key, 3 invalid method, 11/16 temporary. Not found on a name lookup is an empty answer.
 */
public final class LastfmClient extends ProviderClientBase {
    static final String TRACK_INFO = "track_info", TOP_TAGS = "top_tags";
    private final String apiKey;

    public LastfmClient(ProviderSettings settings, ProviderHttp http, String apiKey) {
        super(ProviderName.LASTFM, http, settings);
        this.apiKey = apiKey;
    }

    /** Last.fm's own id is its track URL, which has no lookup; a known MusicBrainz id does. */
    @Override
    public CompletableFuture<List<Candidate>> lookupAsync(TrackQuery query, ProviderHttp via) {
        String mbid = knownId(query, "musicbrainz");
        if (mbid == null) return super.lookupAsync(query, via);
        CompletableFuture<List<Candidate>> byMbid = call(via, TRACK_INFO, "method=track.getInfo&mbid=" + enc(mbid))
                .thenApply(LastfmParser::trackInfo)
                .thenCompose(c -> withTags(c, via))
                .thenApply(c -> c == null ? null : List.of(c));
        return recoverNotFound(byMbid, e -> !notBlank(query.artist()) || !notBlank(query.title())
                ? CompletableFuture.failedFuture(e) : CompletableFuture.completedFuture(null))
                .thenCompose(found -> found != null ? CompletableFuture.completedFuture(found) : super.lookupAsync(query, via));
    }

    @Override
    protected CompletableFuture<List<Candidate>> byId(String id, TrackQuery query, ProviderHttp via) { return null; }

    @Override
    protected CompletableFuture<List<Candidate>> byIsrc(String isrc, TrackQuery query, ProviderHttp via) { return null; }

    @Override
    protected CompletableFuture<List<Candidate>> search(TrackQuery q, ProviderHttp via) {
        // track.getInfo needs both: no fallback search here
        if (!notBlank(q.artist()) || !notBlank(q.title())) return CompletableFuture.completedFuture(List.of());
        CompletableFuture<List<Candidate>> found = call(via, TRACK_INFO, "method=track.getInfo&artist=" + enc(q.artist().trim())
                + "&track=" + enc(q.title().trim()) + "&autocorrect=1")
                .thenApply(LastfmParser::trackInfo)
                .thenCompose(c -> withTags(c, via))
                .thenApply(c -> c == null ? List.<Candidate>of() : List.of(c));
        return recoverNotFound(found, e -> CompletableFuture.completedFuture(List.of()));
    }

    private CompletableFuture<Candidate> withTags(Candidate c, ProviderHttp via) {
        if (c == null || !c.genres().isEmpty() || c.artist() == null || c.title() == null) return CompletableFuture.completedFuture(c);
        CompletableFuture<Candidate> tagged = call(via, TOP_TAGS, "method=track.getTopTags&artist=" + enc(c.artist())
                + "&track=" + enc(c.title()) + "&autocorrect=1")
                .thenApply(LastfmParser::topTags)
                .thenApply(tags -> new Candidate(c.provider(), c.recordId(), c.artist(), c.artists(), c.title(), c.version(), c.ids(), null, null,
                        null, null, null, null, null, tags, null, null, c.durationMs()));
        return recoverNotFound(tagged, e -> CompletableFuture.completedFuture(c));
    }

    private CompletableFuture<JsonNode> call(ProviderHttp via, String endpoint, String methodAndParams) {
        return exchange(via, endpoint, get(settings.endpoints().lastfm() + "?" + methodAndParams
                + "&api_key=" + enc(apiKey) + "&format=json").build(), r -> {
            JsonNode body = ok(r) ? json(r, endpoint) : jsonOrMissing(r);
            if (body.has("error") && body.get("error").isNumber()) throw classify(body, r, endpoint);
            if (!ok(r)) throw statusError(r, endpoint, null);
            return body;
        });
    }

    ProviderException classify(JsonNode body, HttpResponse<String> r, String endpoint) {
        int code = body.get("error").asInt();
        Kind kind = switch (code) {
            case 29 -> Kind.RATE_LIMITED;
            case 6 -> Kind.NOT_FOUND;
            case 8, 11, 16 -> Kind.TRANSIENT; // operation failed, service offline, temporary error
            default -> Kind.PERMANENT;        // 26 suspended key, 10 invalid key, 3 invalid method, 4/9/13/14/15 auth...
        };
        return error(kind, r, endpoint, "error " + code + ": " + Fields.text(body, "message"));
    }
}
