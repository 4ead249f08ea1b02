package io.songnodes.tools.sim;

import io.songnodes.enrich.ProviderName;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** A provider quota: at most {@code max} accepted requests in any rolling {@code window}. */
public record ProviderLimit(int max, Duration window) {
    public ProviderLimit {
        if (max < 1) throw new IllegalArgumentException("limit max must be >= 1, got " + max);
        if (window == null || window.isNegative() || window.isZero()) throw new IllegalArgumentException("limit window must be > 0");
    }

    /**
     * The real limits (design/providers.md). Spotify and Beatport publish none: Spotify's rolling 30 s window is
     * modelled at 100 requests, Beatport at 10 requests per second; both can be overridden in the config.
     */
    public static Map<ProviderName, ProviderLimit> defaults() {
        Map<ProviderName, ProviderLimit> m = new EnumMap<>(ProviderName.class);
        m.put(ProviderName.SPOTIFY, new ProviderLimit(100, Duration.ofSeconds(30)));
        m.put(ProviderName.MUSICBRAINZ, new ProviderLimit(1, Duration.ofSeconds(1)));
        m.put(ProviderName.DISCOGS, new ProviderLimit(60, Duration.ofSeconds(60)));
        m.put(ProviderName.LASTFM, new ProviderLimit(5, Duration.ofSeconds(1)));
        m.put(ProviderName.DEEZER, new ProviderLimit(50, Duration.ofSeconds(5)));
        m.put(ProviderName.BEATPORT, new ProviderLimit(10, Duration.ofSeconds(1)));
        return m;
    }

    /** Parses {@code 60/60s}, {@code 1/1000ms} or {@code 50/5s}; errors name {@code key}. */
    public static ProviderLimit parse(String key, String spec) {
        try {
            String[] p = spec.trim().split("/");
            int max = Integer.parseInt(p[0].trim());
            String w = p[1].trim().toLowerCase(java.util.Locale.ROOT);
            Duration window = w.endsWith("ms") ? Duration.ofMillis(Long.parseLong(w.substring(0, w.length() - 2)))
                    : w.endsWith("s") ? Duration.ofMillis(Math.round(Double.parseDouble(w.substring(0, w.length() - 1)) * 1000))
                    : w.endsWith("m") ? Duration.ofMinutes(Long.parseLong(w.substring(0, w.length() - 1)))
                    : Duration.ofMillis(Long.parseLong(w));
            return new ProviderLimit(max, window);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": expected MAX/WINDOW such as 60/60s or 1/1000ms, got '" + spec + "'", e);
        }
    }
}
