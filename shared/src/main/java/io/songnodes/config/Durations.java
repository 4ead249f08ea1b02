package io.songnodes.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Config durations: {@code 500ms}, {@code 5s}, {@code 10m} or {@code 10min}, {@code 2h}, {@code 30d}, or ISO-8601 ({@code PT2H}). */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*([a-z]+)\\s*");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        Duration unit = m.matches() ? unit(m.group(2)) : null;
        if (unit == null && text != null && text.strip().toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                // fall through to the message below
            }
        }
        if (unit == null) throw new IllegalArgumentException("must be a duration like 500ms, 5s, 10m, 2h or 30d, was '" + text + "'");
        return unit.multipliedBy(Long.parseLong(m.group(1)));
    }

    public static Duration unit(String u) {
        return switch (u) {
            case "ms" -> Duration.ofMillis(1);
            case "s", "sec" -> Duration.ofSeconds(1);
            case "m", "min" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            case "d" -> Duration.ofDays(1);
            default -> null;
        };
    }

    /** The shortest config spelling of {@code d}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0) return ms / 86_400_000L + "d";
        if (ms % 3_600_000L == 0) return ms / 3_600_000L + "h";
        if (ms % 60_000L == 0) return ms / 60_000L + "min";
        if (ms % 1_000L == 0) return ms / 1_000L + "s";
        return ms + "ms";
    }
}
