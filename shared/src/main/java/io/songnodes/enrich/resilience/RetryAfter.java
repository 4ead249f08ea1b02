package io.songnodes.enrich.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses a Retry-After header: delta seconds ("120", "1.5") or an HTTP date. */
public final class RetryAfter {
    private RetryAfter() {}

    /** The wait the header asks for, or null when absent or unreadable (an unreadable header must not fail a call). */
    public static Duration parse(String header, Clock clock) {
        if (header == null || header.isBlank()) return null;
        String h = header.trim();
        try {
            double seconds = Double.parseDouble(h);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) return null;
            return Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
