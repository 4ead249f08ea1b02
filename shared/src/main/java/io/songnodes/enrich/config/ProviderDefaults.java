package io.songnodes.enrich.config;

import io.songnodes.enrich.ProviderName;
import java.net.URI;
import java.time.Duration;

/**
 * Built-in settings for a provider the config names without giving every key. They respect the real
 * published limits (design/providers.md); where a provider publishes none (Spotify, Beatport) they are
 * deliberately conservative.
 */
public final class ProviderDefaults {
    private ProviderDefaults() {}

    public static ProviderConfig of(ProviderName p) {
        return switch (p) {
            // rolling 30 s window, number unpublished: 2/s sustained stays far below what apps report hitting
            case SPOTIFY -> s(p, "60/30s", 2, "https://api.spotify.com", "https://accounts.spotify.com");
            // 1 request/s per IP, 503 beyond
            case MUSICBRAINZ -> s(p, "1/s", 1, "https://musicbrainz.org", null);
            // 60/min with a token, moving 60 s window (25/min without a token: lower it when running tokenless)
            case DISCOGS -> s(p, "60/min", 1, "https://api.discogs.com", null);
            // unpublished: treat 429/403 as signals and stay modest
            case BEATPORT -> s(p, "2/s", 1, "https://api.beatport.com", null);
            // about 5/s per IP; code 29 beyond
            case LASTFM -> s(p, "4/s", 1, "https://ws.audioscrobbler.com/2.0/", null);
            // 50 requests per 5 s per IP; code 4 inside an HTTP 200 beyond
            case DEEZER -> s(p, "50/5s", 5, "https://api.deezer.com", null);
        };
    }

    private static ProviderConfig s(ProviderName p, String rate, int burst, String base, String auth) {
        return new ProviderConfig(p, Rate.parse(rate), burst, Duration.ofSeconds(5), Duration.ofDays(30), Duration.ofDays(1),
                0.0, URI.create(base), auth == null ? null : URI.create(auth), true, Duration.ofDays(90), null);
    }
}
