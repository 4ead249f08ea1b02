package io.songnodes.enrich.config;

import io.songnodes.config.Durations;
import java.io.Serializable;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request quota: {@code permits} per {@code period}, written {@code 1/s}, {@code 60/min} or {@code 50/5s}. */
public record Rate(int permits, Duration period) implements Serializable {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)?\\s*([a-z]+)\\s*");

    public Rate {
        if (permits < 1) throw new IllegalArgumentException("permits must be >= 1");
        if (period == null || period.isZero() || period.isNegative()) throw new IllegalArgumentException("period must be > 0");
    }

    /** Parses {@code N/unit} or {@code N/Munit}; units are ms, s, sec, m, min, h, d. */
    public static Rate parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) throw new IllegalArgumentException("must be a rate like 1/s, 60/min or 50/5s, was '" + text + "'");
        int permits = Integer.parseInt(m.group(1));
        if (permits < 1) throw new IllegalArgumentException("must allow at least 1 request, was '" + text + "'");
        long count = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        Duration unit = Durations.unit(m.group(3));
        if (unit == null || count < 1) throw new IllegalArgumentException("must be a rate like 1/s, 60/min or 50/5s, was '" + text + "'");
        return new Rate(permits, unit.multipliedBy(count));
    }

    /** The spacing between two requests at this rate. */
    public Duration emissionInterval() { return period.dividedBy(permits); }

    /** Average permits per second. */
    public double perSecond() { return permits * 1_000.0 / period.toMillis(); }

    @Override public String toString() { return permits + "/" + Durations.format(period); }
}
