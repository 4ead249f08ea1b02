package io.songnodes.enrich.provider;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads {@code Retry-After} in both of its RFC 9110 forms: delay-seconds and an HTTP-date. */
final class RetryAfter {
    private RetryAfter() {}

    static Duration of(HttpResponse<?> r) { return parse(r.headers().firstValue("Retry-After").orElse(null), Clock.systemUTC()); }

    /** The wait, or null when the header is absent or unreadable (callers then apply their own backoff). */
    static Duration parse(String value, Clock clock) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(clock.instant(), at.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
