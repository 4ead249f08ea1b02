package io.songnodes.jobs.dlqreplay.replay;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sustained request rates (per second) the providers allow, for the dry run's time estimate (design/providers.md).
 * Spotify and Beatport publish no number; their defaults are deliberately cautious guesses. Override per provider.
 */
public record ProviderLimits(Map<String, Double> perSecond) implements Serializable {
    public static final Map<String, Double> DEFAULTS = Map.of(
            "musicbrainz", 1.0,          // 1 request/s per IP
            "discogs", 1.0,              // 60/min with a token
            "lastfm", 5.0,               // about 5/s per IP
            "deezer", 10.0,              // 50 per 5 s per IP
            "spotify", 3.0,              // rolling 30 s window, number not published
            "beatport", 2.0);            // not published

    public ProviderLimits {
        perSecond = Map.copyOf(perSecond);
    }

    public static ProviderLimits defaults() { return new ProviderLimits(DEFAULTS); }

    /** The defaults with {@code name=rate} overrides; fails naming the option on a bad entry. */
    public static ProviderLimits withOverrides(Map<String, String> overrides, String option) {
        Map<String, Double> m = new TreeMap<>(DEFAULTS);
        overrides.forEach((k, v) -> {
            String name = k.trim().toLowerCase(java.util.Locale.ROOT);
            if (!DEFAULTS.containsKey(name)) throw new IllegalArgumentException(option + ": unknown provider '" + k + "', expected one of " + new TreeMap<>(DEFAULTS).keySet());
            double rate;
            try {
                rate = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + v + "' for " + name + " is not a number");
            }
            if (!(rate > 0)) throw new IllegalArgumentException(option + ": the rate for " + name + " must be > 0");
            m.put(name, rate);
        });
        return new ProviderLimits(m);
    }

    public double rate(String provider) { return perSecond.getOrDefault(provider, 1.0); }

    public Iterable<String> providers() { return new TreeMap<>(perSecond).keySet(); }
}
