package io.songnodes.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the short durations used in options and YAML ({@code 250ms}, {@code 5s}, {@code 10m}, {@code 2h}, {@code 30d}). */
public final class Durations {
    private static final Pattern P = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String key, String text) {
        Matcher m = P.matcher(text.trim());
        if (!m.matches()) throw new ConfigException(key, "expected a duration like 500ms, 5s, 10m, 2h or 30d, was '" + text + "'");
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
