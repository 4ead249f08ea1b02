package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import io.songnodes.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/**
 * Spotify client-credentials token: {@code POST /api/token} with HTTP Basic client auth, cached and
 * refreshed {@code margin} before it expires. Concurrent lookups share one refresh: the token is a shared future,
 * so no lookup blocks a thread waiting for it. The refresh goes over the client's own transport, not a lookup's
 * (one cancelled track must not cancel the token every other lookup waits for).
 */
final class SpotifyTokenSource {
    static final String ENDPOINT = "token";

    private final ProviderHttp http;
    private final ProviderSettings settings;
    private final String basicAuth;
    private final Clock clock;
    private CompletableFuture<String> token;
    private Instant refreshAt = Instant.MIN;

    SpotifyTokenSource(ProviderHttp http, ProviderSettings settings, String clientId, String clientSecret, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.basicAuth = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
    }

    /** The current token, or the refresh every caller shares; a failed refresh is tried again by the next caller. */
    synchronized CompletableFuture<String> token() {
        boolean stale = token == null || token.isCompletedExceptionally() || token.isCancelled()
                || (token.isDone() && !clock.instant().isBefore(refreshAt));
        if (stale) token = refresh();
        return token;
    }

    /** Drops {@code rejected} (the API answered 401 with it) so the next call fetches a fresh one. */
    synchronized void invalidate(String rejected) {
        if (rejected != null && token != null && token.isDone() && !token.isCompletedExceptionally() && rejected.equals(token.join())) token = null;
    }

    private CompletableFuture<String> refresh() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.endpoints().spotifyAccounts() + "/api/token"))
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Authorization", basicAuth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        Instant sentAt = clock.instant();
        return http.sendAsync(ProviderName.SPOTIFY, ENDPOINT, request).thenCompose(r -> {
            try {
                return CompletableFuture.completedFuture(read(r, sentAt));
            } catch (ProviderException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    private String read(HttpResponse<String> r, Instant sentAt) throws ProviderException {
        JsonNode body;
        try {
            body = r.body() == null || r.body().isBlank() ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            body = Json.MAPPER.missingNode();
        }
        int s = r.statusCode();
        if (s >= 200 && s < 300) {
            String t = Fields.text(body, "access_token");
            Double expiresIn = Fields.positive(body, "expires_in");
            if (t == null || expiresIn == null)
                throw new ProviderException("spotify", Kind.TRANSIENT, s, null, "token: answer without access_token/expires_in");
            Duration life = Duration.ofSeconds(expiresIn.longValue());
            Duration margin = settings.tokenRefreshMargin().compareTo(life.dividedBy(2)) > 0 ? life.dividedBy(2) : settings.tokenRefreshMargin();
            synchronized (this) { refreshAt = sentAt.plus(life).minus(margin); }
            return t;
        }
        // the accounts service speaks OAuth: {"error":"invalid_client","error_description":"Invalid client"}
        String oauthError = Fields.text(body, "error");
        String message = "token: " + (oauthError == null ? "HTTP " + s : oauthError + " - " + Fields.text(body, "error_description"));
        Kind kind = s == 429 ? Kind.RATE_LIMITED : s >= 500 ? Kind.TRANSIENT : Kind.PERMANENT;
        throw new ProviderException("spotify", kind, s, RetryAfter.of(r), message);
    }
}
