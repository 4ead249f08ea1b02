package io.songnodes.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The day a set was played, from the many ways tracklist sites write it. */
public final class SetDates {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final List<DateTimeFormatter> FORMATS = List.of(
            DateTimeFormatter.ofPattern("EEE, MMM d yyyy", Locale.ENGLISH),   // 1001tracklists: "Sun, Jul 28 2019"
            DateTimeFormatter.ofPattern("MMM d yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH));

    private SetDates() {}

    /** The played date, or the day silver first saw the set when the text is missing or unreadable. */
    public static LocalDate of(String playedDate, Instant firstSeen) {
        LocalDate d = parse(playedDate);
        return d != null || firstSeen == null ? d : LocalDate.ofInstant(firstSeen, ZoneOffset.UTC);
    }

    /** Parses an ISO date anywhere in the text, or one of the English formats; null when none fits. */
    public static LocalDate parse(String text) {
        if (text == null || text.isBlank()) return null;
        Matcher m = ISO.matcher(text);
        if (m.find()) {
            try {
                return LocalDate.parse(m.group());
            } catch (DateTimeParseException ignored) {
                // "2019-13-45" is not a date; try the other formats
            }
        }
        for (DateTimeFormatter f : FORMATS) {
            try {
                return LocalDate.parse(text.trim(), f);
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        return null;
    }
}
