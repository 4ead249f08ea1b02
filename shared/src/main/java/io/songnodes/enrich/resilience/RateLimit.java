package io.songnodes.enrich.resilience;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A provider quota: {@code permits} requests per {@code period}, parsed from "1/s", "60/min", "50/5s", "2.5/s".
 * The limiter spaces requests {@link #emissionInterval()} apart, so a fixed or rolling window of length
 * {@code period} never sees more than {@code permits}.
 */
public record RateLimit(double permits, Duration period) {
    private static final Pattern SYNTAX = Pattern.compile(
            "\\s*(\\d+(?:\\.\\d+)?)\\s*/\\s*(\\d+(?:\\.\\d+)?)?\\s*(ms|s|sec|second|seconds|m|min|minute|minutes|h|hour|hours)\\s*");

    public RateLimit {
        if (!(permits > 0) || Double.isInfinite(permits)) throw new IllegalArgumentException("rate permits must be > 0, got " + permits);
        if (period == null || period.isNegative() || period.isZero()) throw new IllegalArgumentException("rate period must be > 0, got " + period);
    }

    /** Parses "N/unit" or "N/Kunit"; units ms, s, min, h. A malformed value names the accepted syntax. */
    public static RateLimit parse(String text) {
        Matcher m = text == null ? null : SYNTAX.matcher(text.toLowerCase(Locale.ROOT));
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("rate '" + text + "' is not of the form N/unit or N/Kunit (e.g. 1/s, 60/min, 50/5s)");
        }
        double permits = Double.parseDouble(m.group(1));
        double count = m.group(2) == null ? 1 : Double.parseDouble(m.group(2));
        long unitNanos = switch (m.group(3)) {
            case "ms" -> 1_000_000L;
            case "s", "sec", "second", "seconds" -> 1_000_000_000L;
            case "m", "min", "minute", "minutes" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        return new RateLimit(permits, Duration.ofNanos(Math.round(count * unitNanos)));
    }

    public double perSecond() { return permits * 1e9 / period.toNanos(); }

    /** The spacing between two requests at this rate. */
    public Duration emissionInterval() { return Duration.ofNanos(Math.round(period.toNanos() / permits)); }

    /** This rate scaled by {@code factor} (0 &lt; factor), keeping the period. */
    public RateLimit scaled(double factor) { return new RateLimit(permits * factor, period); }

    @Override public String toString() {
        long ms = period.toMillis();
        String p = permits == Math.rint(permits) ? String.valueOf((long) permits) : String.valueOf(permits);
        if (ms % 3_600_000 == 0) return p + "/" + (ms == 3_600_000 ? "" : ms / 3_600_000) + "h";
        if (ms % 60_000 == 0) return p + "/" + (ms == 60_000 ? "" : ms / 60_000) + "min";
        if (ms % 1000 == 0) return p + "/" + (ms == 1000 ? "" : ms / 1000) + "s";
        return p + "/" + ms + "ms";
    }
}
