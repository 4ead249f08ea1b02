package io.songnodes.tools.sim;

import io.songnodes.enrich.ProviderName;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each provider's real error answers (shapes from fixtures/providers/SOURCES.md): the over-limit answer, a 5xx,
 * a 403 and authentication failures. Bodies are the providers' own texts.
 */
public final class ProviderErrors {
    static final String MB_RATE_LIMITED = "{\"error\":\"Your requests are exceeding the allowable rate limit. Please see http://wiki.musicbrainz.org/XMLWebService for more information.\"}";
    static final String MB_BUSY = "{\"error\":\"The MusicBrainz web server is currently busy. Please try again later.\"}";
    public static final String MB_NOT_FOUND = "{\"error\":\"Not Found\",\"help\":\"For usage, please see: https://musicbrainz.org/development/mmd\"}";
    public static final String DEEZER_NO_DATA = "{\"error\":{\"type\":\"DataException\",\"message\":\"no data\",\"code\":800}}";
    static final String DEEZER_QUOTA = "{\"error\":{\"type\":\"Exception\",\"message\":\"Quota limit exceeded\",\"code\":4}}";
    public static final String LASTFM_TRACK_NOT_FOUND = "{\"error\":6,\"message\":\"Track not found\",\"links\":[]}";
    static final String LASTFM_RATE = "{\"error\":29,\"message\":\"Rate Limit Exceeded - Your IP has made too many requests in a short period\",\"links\":[]}";

    // Spotify sends 429s both with its error object and with an empty body (spotify/web-api#1267); alternate
    private final AtomicLong spotify429s = new AtomicLong();

    /** The over-limit answer; {@code waitNanos} is when the window frees a slot (already scaled). */
    Answer overLimit(ProviderName p, long waitNanos) {
        long retrySeconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
        return switch (p) {
            case SPOTIFY -> (spotify429s.getAndIncrement() % 2 == 0
                    ? Answer.json(429, "{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}")
                    : Answer.empty(429)).withHeader("Retry-After", String.valueOf(retrySeconds));
            case MUSICBRAINZ -> Answer.json(503, MB_RATE_LIMITED);
            case DISCOGS -> Answer.json(429, "{\"message\":\"You are making requests too quickly.\"}");
            case LASTFM -> Answer.json(200, LASTFM_RATE);
            case DEEZER -> Answer.json(200, DEEZER_QUOTA);
            case BEATPORT -> Answer.json(429, "{\"detail\":\"Request was throttled. Expected available in " + retrySeconds + " seconds.\"}")
                    .withHeader("Retry-After", String.valueOf(retrySeconds));
        };
    }

    /** A transient server failure in the provider's style. */
    Answer serverError(ProviderName p) {
        return switch (p) {
            case SPOTIFY -> Answer.json(502, "{\"error\":{\"status\":502,\"message\":\"Bad gateway.\"}}");
            case MUSICBRAINZ -> Answer.json(503, MB_BUSY).withHeader("Retry-After", "0");
            case DISCOGS -> Answer.json(500, "{\"message\":\"An internal server error occurred.\"}");
            case LASTFM -> Answer.json(500, "{\"error\":8,\"message\":\"Operation failed - Most likely the backend service failed. Please try again.\",\"links\":[]}");
            case DEEZER -> new Answer(502, java.util.Map.of("Content-Type", "text/html"),
                    "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>", null);
            case BEATPORT -> Answer.json(500, "{\"detail\":\"A server error occurred.\"}");
        };
    }

    /** A 403 capability or permission answer. */
    Answer forbidden(ProviderName p) {
        return switch (p) {
            case SPOTIFY -> Answer.json(403, "{\"error\":{\"status\":403,\"message\":\"Forbidden\"}}");
            case MUSICBRAINZ -> Answer.json(403, "{\"error\":\"Your requests are being blocked. Please set a meaningful User-Agent.\"}");
            case DISCOGS -> Answer.json(403, "{\"message\":\"You are not allowed to access this resource.\"}");
            case LASTFM -> Answer.json(403, "{\"error\":26,\"message\":\"Suspended API key - Access for your account has been suspended, please contact Last.fm\",\"links\":[]}");
            case DEEZER -> Answer.json(200, "{\"error\":{\"type\":\"OAuthException\",\"message\":\"An active access token must be used to query information about the current user\",\"code\":200}}");
            case BEATPORT -> Answer.json(403, "{\"detail\":\"You do not have permission to perform this action.\"}");
        };
    }

    /** The answer to a request without the credentials the provider demands, or null when it has them. */
    Answer unauthenticated(SimRequest r, String endpoint, boolean requireUserAgent) {
        return switch (r.provider()) {
            case SPOTIFY -> {
                if (endpoint.equals("token")) {
                    String auth = r.header("Authorization");
                    boolean basic = auth != null && auth.startsWith("Basic ");
                    boolean inBody = r.body() != null && r.body().contains("client_id=") && r.body().contains("client_secret=");
                    yield basic || inBody ? null : Answer.json(400, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}");
                }
                String auth = r.header("Authorization");
                yield auth != null && auth.startsWith("Bearer ") ? null
                        : Answer.json(401, "{\"error\":{\"status\":401,\"message\":\"No token provided\"}}");
            }
            case MUSICBRAINZ -> {
                String ua = r.header("User-Agent");
                boolean generic = ua == null || ua.isBlank() || ua.startsWith("Java-http-client") || ua.startsWith("python-requests")
                        || ua.startsWith("curl/") || ua.startsWith("Apache-HttpClient") || ua.startsWith("okhttp");
                yield requireUserAgent && generic ? forbidden(r.provider()) : null;
            }
            case DISCOGS -> {
                String auth = r.header("Authorization");
                boolean token = (auth != null && auth.startsWith("Discogs ")) || r.param("token") != null;
                yield !token && endpoint.equals("search")
                        ? Answer.json(401, "{\"message\":\"You must authenticate to access this resource.\"}") : null;
            }
            case LASTFM -> r.param("api_key") == null || r.param("api_key").isBlank()
                    ? Answer.json(403, "{\"error\":10,\"message\":\"Invalid API key - You must be granted a valid key by last.fm\",\"links\":[]}")
                    : null;
            case DEEZER -> null;
            case BEATPORT -> {
                String auth = r.header("Authorization");
                yield auth != null && auth.startsWith("Bearer ") ? null
                        : Answer.json(401, "{\"detail\":\"Authentication credentials were not provided.\"}");
            }
        };
    }
}
