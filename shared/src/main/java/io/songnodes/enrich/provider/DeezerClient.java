package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Deezer public API (no key): {@code /track/{id}}, {@code /track/isrc:{ISRC}} and
 * {@code /search?q=artist:"A" track:"T"}. Errors come inside HTTP 200 as {@code {"error":{"code":N}}}:
 * 4 quota exceeded, 700 service busy, 800 no data. Search hits lack ISRC and BPM, so the first
 * {@code detailLookups} hits are completed from {@code /track/{id}} in the same lookup.
 */
public final class DeezerClient extends ProviderClientBase {
    static final String SEARCH = "search", TRACK = "track";

    public DeezerClient(ProviderSettings settings, ProviderHttp http) {
        super(ProviderName.DEEZER, http, settings);
    }

    @Override
    protected CompletableFuture<List<Candidate>> byId(String id, TrackQuery query, ProviderHttp via) {
        return call(via, TRACK, "/track/" + seg(id)).thenApply(body -> List.of(DeezerParser.track(body)));
    }

    @Override
    protected CompletableFuture<List<Candidate>> byIsrc(String isrc, TrackQuery query, ProviderHttp via) {
        return call(via, TRACK, "/track/isrc:" + seg(isrc)).thenApply(body -> List.of(DeezerParser.track(body)));
    }

    /** The search, then the first {@code detailLookups} hits' details, asked at the same time (they need only the search). */
    @Override
    protected CompletableFuture<List<Candidate>> search(TrackQuery q, ProviderHttp via) {
        String artist = q.artist() == null ? "" : q.artist().replace("\"", " ").trim(), title = q.title() == null ? "" : q.title().replace("\"", " ").trim();
        String advanced = artist.isEmpty() ? title : title.isEmpty() ? "artist:\"" + artist + "\"" : "artist:\"" + artist + "\" track:\"" + title + "\"";
        return call(via, SEARCH, "/search?q=" + enc(advanced) + "&limit=" + settings.searchLimit()).thenApply(DeezerParser::search)
                .thenCompose(hits -> {
                    List<CompletableFuture<Candidate>> out = new ArrayList<>(hits.size());
                    for (int i = 0; i < hits.size(); i++) {
                        Candidate hit = hits.get(i);
                        if (i < settings.detailLookups() && hit.recordId() != null) {
                            // a vanished hit keeps its search fields
                            out.add(recoverNotFound(call(via, TRACK, "/track/" + seg(hit.recordId())).thenApply(DeezerParser::track),
                                    e -> CompletableFuture.completedFuture(hit)));
                        } else {
                            out.add(CompletableFuture.completedFuture(hit));
                        }
                    }
                    return CompletableFuture.allOf(out.toArray(CompletableFuture[]::new)).thenApply(v -> out.stream().map(CompletableFuture::join).toList());
                });
    }

    private CompletableFuture<JsonNode> call(ProviderHttp via, String endpoint, String pathAndQuery) {
        return exchange(via, endpoint, get(settings.endpoints().deezer() + pathAndQuery).build(), r -> {
            JsonNode body = ok(r) ? json(r, endpoint) : jsonOrMissing(r);
            JsonNode err = body.path("error");
            if (err.isObject()) throw classify(err, r, endpoint);
            if (!ok(r)) throw statusError(r, endpoint, null);
            return body;
        });
    }

    ProviderException classify(JsonNode err, HttpResponse<String> r, String endpoint) {
        int code = err.path("code").asInt(-1);
        Kind kind = switch (code) {
            case 4 -> Kind.RATE_LIMITED;       // "Quota limit exceeded", 50 requests per 5 s per IP
            case 700 -> Kind.TRANSIENT;        // service busy
            case 800 -> Kind.NOT_FOUND;        // "no data" (HTTP 200, or 404 in newer answers)
            case 200 -> Kind.CAPABILITY_MISSING; // OAuthException: permission
            default -> r.statusCode() >= 500 ? Kind.TRANSIENT : Kind.PERMANENT;
        };
        return error(kind, r, endpoint, Fields.text(err, "type") + " " + code + ": " + Fields.text(err, "message"));
    }
}
