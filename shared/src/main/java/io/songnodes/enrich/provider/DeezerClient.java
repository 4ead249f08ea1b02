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
    protected List<Candidate> byId(String id, TrackQuery query) throws ProviderException {
        return List.of(DeezerParser.track(call(TRACK, "/track/" + seg(id))));
    }

    @Override
    protected List<Candidate> byIsrc(String isrc, TrackQuery query) throws ProviderException {
        return List.of(DeezerParser.track(call(TRACK, "/track/isrc:" + seg(isrc))));
    }

    @Override
    protected List<Candidate> search(TrackQuery q) throws ProviderException {
        String artist = q.artist() == null ? "" : q.artist().replace("\"", " ").trim(), title = q.title() == null ? "" : q.title().replace("\"", " ").trim();
        String advanced = artist.isEmpty() ? title : title.isEmpty() ? "artist:\"" + artist + "\"" : "artist:\"" + artist + "\" track:\"" + title + "\"";
        List<Candidate> hits = DeezerParser.search(call(SEARCH, "/search?q=" + enc(advanced) + "&limit=" + settings.searchLimit()));
        List<Candidate> out = new ArrayList<>(hits.size());
        for (int i = 0; i < hits.size(); i++) {
            Candidate hit = hits.get(i);
            if (i < settings.detailLookups() && hit.recordId() != null) {
                try {
                    out.add(DeezerParser.track(call(TRACK, "/track/" + seg(hit.recordId()))));
                    continue;
                } catch (ProviderException e) {
                    if (e.kind() != Kind.NOT_FOUND) throw e; // a vanished hit keeps its search fields
                }
            }
            out.add(hit);
        }
        return out;
    }

    private JsonNode call(String endpoint, String pathAndQuery) throws ProviderException {
        HttpResponse<String> r = send(endpoint, get(settings.endpoints().deezer() + pathAndQuery).build());
        JsonNode body = ok(r) ? json(r, endpoint) : jsonOrMissing(r);
        JsonNode err = body.path("error");
        if (err.isObject()) throw classify(err, r, endpoint);
        if (!ok(r)) throw statusError(r, endpoint, null);
        return body;
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
