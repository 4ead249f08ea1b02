package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderClient;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The lookup strategy every client shares: the provider's own id first, then the ISRC, then a text
 * search, each step used only when the query has what it needs. An exact lookup the provider answers
 * with "not found" falls through to the next step; when no step is left it surfaces as
 * {@link Kind#NOT_FOUND}. A search without hits is an empty list, not an error.
 */
abstract class ProviderClientBase implements ProviderClient {
    protected final ProviderName name;
    protected final ProviderHttp http;
    protected final ProviderSettings settings;

    ProviderClientBase(ProviderName name, ProviderHttp http, ProviderSettings settings) {
        this.name = name;
        this.http = http;
        this.settings = settings;
    }

    @Override public ProviderName name() { return name; }

    @Override
    public List<Candidate> lookup(TrackQuery query) throws ProviderException {
        String ownId = knownId(query, name.id());
        String isrc = knownId(query, "isrc");
        // one blank side is a fallback search on the other alone (see search)
        boolean text = notBlank(query.artist()) || notBlank(query.title());
        ProviderException notFound = null;
        if (ownId != null) {
            try {
                List<Candidate> found = byId(ownId, query);
                if (found != null && !found.isEmpty()) return found;
            } catch (ProviderException e) {
                if (e.kind() != Kind.NOT_FOUND) throw e;
                notFound = e;
            }
        }
        if (isrc != null) {
            try {
                List<Candidate> found = byIsrc(isrc.toUpperCase(java.util.Locale.ROOT), query);
                if (found != null && !found.isEmpty()) return found;
            } catch (ProviderException e) {
                if (e.kind() != Kind.NOT_FOUND) throw e;
                notFound = e;
            }
        }
        if (text) return search(query);
        if (notFound != null) throw notFound;
        if (ownId != null || isrc != null) return List.of(); // exact lookup answered, but with no usable record
        throw new ProviderException(name.id(), Kind.PERMANENT, null, null,
                "query has no usable id and no artist/title: nothing to look up");
    }

    /** Exact lookup by this provider's own id; null when the provider has no such lookup. */
    protected abstract List<Candidate> byId(String id, TrackQuery query) throws ProviderException;

    /** Exact lookup by ISRC; null when the provider has no ISRC lookup. */
    protected abstract List<Candidate> byIsrc(String isrc, TrackQuery query) throws ProviderException;

    /**
     * Text search on artist and title. A blank artist searches the title text without field filters (the
     * loosest search the provider has); a blank title lists the artist's tracks.
     */
    protected abstract List<Candidate> search(TrackQuery query) throws ProviderException;

    /** A GET with the User-Agent, Accept and timeout every provider gets. */
    protected HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET()
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", "application/json");
    }

    protected HttpResponse<String> send(String endpoint, HttpRequest request) throws ProviderException {
        HttpResponse<String> r = http.send(name, endpoint, request);
        if (r == null) throw new ProviderException(name.id(), Kind.TRANSIENT, null, null, endpoint + ": no response");
        return r;
    }

    /** Parses a body that should be JSON; a garbled body (truncated answer, proxy page) is transient. */
    protected JsonNode json(HttpResponse<String> r, String endpoint) throws ProviderException {
        String body = r.body();
        if (body == null || body.isBlank()) return Json.MAPPER.missingNode();
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new ProviderException(name.id(), Kind.TRANSIENT, r.statusCode(), null,
                    endpoint + ": malformed JSON body (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Malformed JSON never surfaces from error paths: an unreadable error body is simply an empty node. */
    protected JsonNode jsonOrMissing(HttpResponse<String> r) {
        try {
            String body = r.body();
            return body == null || body.isBlank() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    /** The class of a non-2xx status when the body says nothing more specific. */
    protected ProviderException statusError(HttpResponse<String> r, String endpoint, String message) {
        int s = r.statusCode();
        Kind kind;
        if (s == 429) kind = Kind.RATE_LIMITED;
        else if (s >= 500 || s == 408) kind = Kind.TRANSIENT;
        else if (s == 404 || s == 410) kind = Kind.NOT_FOUND;
        else if (s == 403) kind = Kind.CAPABILITY_MISSING;
        else kind = Kind.PERMANENT;
        return error(kind, r, endpoint, message);
    }

    protected ProviderException error(Kind kind, HttpResponse<String> r, String endpoint, String message) {
        return new ProviderException(name.id(), kind, r.statusCode(), RetryAfter.of(r), endpoint + ": "
                + (message == null || message.isBlank() ? "HTTP " + r.statusCode() : message));
    }

    protected static boolean ok(HttpResponse<String> r) { return r.statusCode() >= 200 && r.statusCode() < 300; }

    protected static String knownId(TrackQuery q, String key) {
        if (q.knownIds() == null) return null;
        String v = q.knownIds().get(key);
        return notBlank(v) ? v.trim() : null;
    }

    static boolean notBlank(String s) { return s != null && !s.isBlank(); }

    /** Percent-encoding for a query value; spaces as %20, which every one of the six APIs accepts. */
    protected static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Percent-encoding for a single path segment. */
    protected static String seg(String s) { return enc(s); }
}
