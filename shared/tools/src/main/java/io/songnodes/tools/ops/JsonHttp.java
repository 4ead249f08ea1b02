package io.songnodes.tools.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small GETs with a short timeout, for the operators' probes: a service that does not answer quickly counts as down. */
final class JsonHttp {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** A GET that did not give 2xx; {@code status} is 0 when nothing answered. */
    static final class Failure extends IOException {
        final int status;
        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private JsonHttp() {}

    /** {@code authorization} is an Authorization header value, or null for none. */
    static String text(URI uri, String authorization) throws Failure {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (authorization != null) b.header("Authorization", authorization);
        HttpResponse<String> r;
        try {
            r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(0, uri.getHost() + ":" + uri.getPort() + " unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(0, "interrupted");
        }
        if (r.statusCode() / 100 != 2) throw new Failure(r.statusCode(), uri.getPath() + ": HTTP " + r.statusCode());
        return r.body();
    }

    static JsonNode json(URI uri, String authorization) throws Failure {
        String body = text(uri, authorization);
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new Failure(-1, uri.getPath() + ": not JSON");
        }
    }
}
