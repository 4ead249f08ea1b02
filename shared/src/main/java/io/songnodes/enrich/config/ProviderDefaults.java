package io.songnodes.enrich.config;

import io.songnodes.enrich.ProviderName;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The one table of provider quotas and built-in settings: the limiter, the config loader, dlq-replay's dry-run
 * estimate and the simulator all read their limits here. Quotas respect the real published limits; where a
 * provider publishes none (Spotify, Beatport) they are deliberately conservative.
 */
public final class ProviderDefaults {
    private ProviderDefaults() {}

    /** A provider's quota, the burst it tolerates, and where it lives. */
    private record Entry(Rate rate, int burst, String base, String auth) {}

    private static final Map<ProviderName, Entry> TABLE;

    static {
        Map<ProviderName, Entry> m = new EnumMap<>(ProviderName.class);
        // rolling 30 s window, number unpublished: 2/s sustained stays far below what apps report hitting
        m.put(ProviderName.SPOTIFY, new Entry(Rate.parse("60/30s"), 2, "https://api.spotify.com", "https://accounts.spotify.com"));
        // 1 request/s per IP, 503 beyond
        m.put(ProviderName.MUSICBRAINZ, new Entry(Rate.parse("1/s"), 1, "https://musicbrainz.org", null));
        // 60/min with a token, moving 60 s window (25/min without a token: lower it when running tokenless)
        m.put(ProviderName.DISCOGS, new Entry(Rate.parse("60/min"), 1, "https://api.discogs.com", null));
        // unpublished: treat 429/403 as signals and stay modest (2/s sustained, over a rolling 10 s window)
        m.put(ProviderName.BEATPORT, new Entry(Rate.parse("20/10s"), 1, "https://api.beatport.com", null));
        // 5 requests/s per IP averaged over 5 minutes; code 29 beyond
        m.put(ProviderName.LASTFM, new Entry(Rate.parse("1500/5min"), 1, "https://ws.audioscrobbler.com/2.0/", null));
        // 50 requests per 5 s per IP; code 4 inside an HTTP 200 beyond
        m.put(ProviderName.DEEZER, new Entry(Rate.parse("50/5s"), 5, "https://api.deezer.com", null));
        TABLE = Collections.unmodifiableMap(m);
    }

    /** The provider's quota. */
    public static Rate rate(ProviderName p) { return TABLE.get(p).rate(); }

    /** Every provider's quota. */
    public static Map<ProviderName, Rate> rates() {
        Map<ProviderName, Rate> m = new EnumMap<>(ProviderName.class);
        TABLE.forEach((p, e) -> m.put(p, e.rate()));
        return m;
    }

    /** Requests that may go back to back after idling; never more than one window's permits. */
    public static int burst(ProviderName p) { return TABLE.get(p).burst(); }

    public static ProviderConfig of(ProviderName p) {
        Entry e = TABLE.get(p);
        return new ProviderConfig(p, e.rate(), e.burst(), Duration.ofSeconds(5), Duration.ofDays(30), Duration.ofDays(1),
                0.0, URI.create(e.base()), e.auth() == null ? null : URI.create(e.auth()), true, Duration.ofDays(90), null);
    }
}
