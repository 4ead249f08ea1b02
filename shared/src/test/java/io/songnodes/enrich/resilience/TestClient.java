package io.songnodes.enrich.resilience;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderClient;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A minimal provider client over {@link ProviderHttp}, classifying like the real ones: the body is a
 * comma-separated list of record ids; 404 NOT_FOUND, 429 RATE_LIMITED, 5xx TRANSIENT, 403 CAPABILITY_MISSING,
 * other 4xx PERMANENT, and Deezer-style {@code {"error":{"code":4}}} inside a 200 RATE_LIMITED.
 */
final class TestClient implements ProviderClient {
    private final ProviderName name;
    private final ProviderHttp http;
    private final TestProviderServer server;

    TestClient(ProviderName name, ProviderHttp http, TestProviderServer server) {
        this.name = name;
        this.http = http;
        this.server = server;
    }

    @Override public ProviderName name() { return name; }

    @Override
    public List<Candidate> lookup(TrackQuery query) throws ProviderException { return ProviderHttp.await(lookupAsync(query, http), name); }

    @Override
    public CompletableFuture<List<Candidate>> lookupAsync(TrackQuery query, ProviderHttp via) {
        String q = URLEncoder.encode(query.artist() + " - " + query.title(), StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(server.uri("/search?q=" + q)).header("User-Agent", "SongNodesTest/0.1 (test@example.org)").GET().build();
        return via.sendAsync(name, "search", req).thenCompose(r -> {
            try {
                return CompletableFuture.completedFuture(parse(query, r));
            } catch (ProviderException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    private List<Candidate> parse(TrackQuery query, HttpResponse<String> r) throws ProviderException {
        int code = r.statusCode();
        String body = r.body() == null ? "" : r.body().trim();
        if (code == 404) throw new ProviderException(name.id(), Kind.NOT_FOUND, code, null, "not found");
        if (code == 429) throw new ProviderException(name.id(), Kind.RATE_LIMITED, code, null, "rate limited");
        if (code >= 500) throw new ProviderException(name.id(), Kind.TRANSIENT, code, null, "server error");
        if (code == 403) throw new ProviderException(name.id(), Kind.CAPABILITY_MISSING, code, null, "forbidden");
        if (code >= 400) throw new ProviderException(name.id(), Kind.PERMANENT, code, null, "bad request");
        if (body.contains("\"code\":4")) throw new ProviderException(name.id(), Kind.RATE_LIMITED, code, null, "Quota limit exceeded");
        List<Candidate> out = new ArrayList<>();
        if (body.isEmpty() || body.equals("[]")) return out;
        for (String id : body.split(",")) {
            out.add(new Candidate(name.id(), id.trim(), query.artist(), List.of(query.artist()), query.title(), null,
                    Map.of(name.id(), id.trim()), 128.0, 9, 0, null, null, null, null, List.of("house"), "Label", "2020-01-01", 200_000));
        }
        return out;
    }
}
