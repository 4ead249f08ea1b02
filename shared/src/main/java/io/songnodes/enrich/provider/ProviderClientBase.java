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
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

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
    public List<Candidate> lookup(TrackQuery query) throws ProviderException { return ProviderHttp.await(lookupAsync(query, http), name); }

    @Override
    public CompletableFuture<List<Candidate>> lookupAsync(TrackQuery query, ProviderHttp via) {
        String ownId = knownId(query, name.id());
        String isrc = knownId(query, "isrc");
        // one blank side is a fallback search on the other alone (see search)
        boolean text = notBlank(query.artist()) || notBlank(query.title());
        ProviderException[] notFound = new ProviderException[1];
        CompletableFuture<List<Candidate>> found = CompletableFuture.completedFuture(null);
        if (ownId != null) found = step(found, notFound, () -> byId(ownId, query, via));
        if (isrc != null) found = step(found, notFound, () -> byIsrc(isrc.toUpperCase(java.util.Locale.ROOT), query, via));
        return found.thenCompose(list -> {
            if (list != null && !list.isEmpty()) return CompletableFuture.completedFuture(list);
            if (text) return search(query, via);
            if (notFound[0] != null) return CompletableFuture.failedFuture(notFound[0]);
            if (ownId != null || isrc != null) return CompletableFuture.completedFuture(List.of()); // exact lookup answered, but with no usable record
            return CompletableFuture.failedFuture(new ProviderException(name.id(), Kind.PERMANENT, null, null,
                    "query has no usable id and no artist/title: nothing to look up"));
        });
    }

    /**
     * The next exact lookup, tried only when the previous step found nothing; a "not found" answer falls through
     * (remembered in {@code notFound}), any other error ends the lookup.
     */
    private CompletableFuture<List<Candidate>> step(CompletableFuture<List<Candidate>> previous, ProviderException[] notFound,
                                                    Supplier<CompletableFuture<List<Candidate>>> next) {
        return previous.thenCompose(list -> {
            if (list != null && !list.isEmpty()) return CompletableFuture.completedFuture(list);
            CompletableFuture<List<Candidate>> f = next.get();
            if (f == null) return CompletableFuture.completedFuture(null);
            return recoverNotFound(f, e -> {
                notFound[0] = e;
                return CompletableFuture.completedFuture(null);
            });
        });
    }

    /** {@code f}, with a NOT_FOUND failure replaced by what {@code onNotFound} gives; other failures stay. */
    protected static <T> CompletableFuture<T> recoverNotFound(CompletableFuture<T> f, Function<ProviderException, CompletableFuture<T>> onNotFound) {
        return f.handle((v, t) -> {
            if (t == null) return CompletableFuture.completedFuture(v);
            Throwable c = ProviderHttp.unwrap(t);
            if (c instanceof ProviderException pe && pe.kind() == Kind.NOT_FOUND) return onNotFound.apply(pe);
            return CompletableFuture.<T>failedFuture(c);
        }).thenCompose(Function.identity());
    }

    /** Exact lookup by this provider's own id; null when the provider has no such lookup. */
    protected abstract CompletableFuture<List<Candidate>> byId(String id, TrackQuery query, ProviderHttp via);

    /** Exact lookup by ISRC; null when the provider has no ISRC lookup. */
    protected abstract CompletableFuture<List<Candidate>> byIsrc(String isrc, TrackQuery query, ProviderHttp via);

    /**
     * Text search on artist and title. A blank artist searches the title text without field filters (the
     * loosest search the provider has); a blank title lists the artist's tracks.
     */
    protected abstract CompletableFuture<List<Candidate>> search(TrackQuery query, ProviderHttp via);

    /** A GET with the User-Agent, Accept and timeout every provider gets. */
    protected HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET()
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", "application/json");
    }

    protected CompletableFuture<HttpResponse<String>> send(ProviderHttp via, String endpoint, HttpRequest request) {
        return via.sendAsync(name, endpoint, request).thenCompose(r -> r != null ? CompletableFuture.completedFuture(r)
                : CompletableFuture.failedFuture(new ProviderException(name.id(), Kind.TRANSIENT, null, null, endpoint + ": no response")));
    }

    /**
     * Sends {@code request} and turns the answer into a value with {@code parse}, which throws the provider's error
     * classes; a RuntimeException from a parser (a body the client cannot handle) fails the future as it is.
     */
    protected <T> CompletableFuture<T> exchange(ProviderHttp via, String endpoint, HttpRequest request, Parse<T> parse) {
        return send(via, endpoint, request).thenCompose(r -> {
            try {
                return CompletableFuture.completedFuture(parse.apply(r));
            } catch (ProviderException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** Reads an answer; throws the provider's error class. */
    @FunctionalInterface
    protected interface Parse<T> {
        T apply(HttpResponse<String> r) throws ProviderException;
    }

    /** Runs {@code body}; its ProviderException becomes a failed future (parsing inside a chain). */
    protected static <T> CompletableFuture<T> attempt(Parse0<T> body) {
        try {
            return CompletableFuture.completedFuture(body.get());
        } catch (ProviderException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A value that may throw the provider's error class. */
    @FunctionalInterface
    protected interface Parse0<T> {
        T get() throws ProviderException;
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
