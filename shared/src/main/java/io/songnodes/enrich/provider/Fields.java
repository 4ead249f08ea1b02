package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.bronze.InputText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small null-safe readers shared by the six body parsers (providers mix numbers, numeric strings and nulls). */
final class Fields {
    private static final Pattern VERSION_WORDS = Pattern.compile(
            "(?i)\\b(mix|remix|edit|version|dub|vip|bootleg|mashup|rework|remaster(ed)?|live|acoustic|instrumental|"
                    + "extended|radio|club|original|reprise|flip|remode|refix)\\b");
    private static final Pattern TRAILING_PAREN = Pattern.compile("[(\\[]([^()\\[\\]]+)[)\\]]\\s*$");
    private static final Pattern CLOCK = Pattern.compile("^(?:(\\d+):)?(\\d{1,2}):(\\d{2})$");
    private static final Pattern PITCH = Pattern.compile("(?i)^\\s*([A-G])\\s*(#|♯|b|♭)?\\s*(major|maj|minor|min|m)?\\s*$");

    private Fields() {}

    /** The longest provider text kept, in UTF-8 bytes: the same bound bronze artists and titles have. */
    static final int MAX_TEXT_BYTES = 1_000;

    /**
     * Text of {@code node.field}, or null when missing, JSON null or blank. Provider bodies are input too: the
     * value is cleaned by the bronze text rules (no NUL, controls or lone surrogates; bounded) before it can reach
     * the database or the cache.
     */
    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull() || v.isMissingNode() || v.isContainerNode()) return null;
        return clean(v.asText());
    }

    /** {@link InputText#clean} at the provider bound: every value extraction ends here. */
    static String clean(String s) { return InputText.clean(s, MAX_TEXT_BYTES); }

    /** A number given as a JSON number or a numeric string ("89000", "100"); null otherwise. */
    static Double number(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || v.isNull()) return null;
        double d;
        if (v.isNumber()) d = v.asDouble();
        else if (v.isTextual() && v.asText().length() <= 64) {
            try { d = Double.parseDouble(v.asText().trim()); } catch (NumberFormatException e) { return null; }
        } else return null;
        // "NaN" and "Infinity" parse, and 1e400 overflows: none is a value any column should hold
        return Double.isFinite(d) ? d : null;
    }

    /** A positive number; 0 and negatives mean "unknown" at Deezer (bpm 0), Spotify (key -1) and Last.fm (duration 0). */
    static Double positive(JsonNode node, String field) {
        Double d = number(node, field);
        return d == null || d <= 0 ? null : d;
    }

    static Integer positiveInt(JsonNode node, String field) {
        Double d = positive(node, field);
        return d == null || d > Integer.MAX_VALUE ? null : (int) Math.round(d);
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        if (array == null || !array.isArray()) return out;
        for (JsonNode n : array) {
            String s = field == null ? (n.isValueNode() ? clean(n.asText()) : null) : text(n, field);
            if (s != null && !out.contains(s)) out.add(s);
        }
        return out;
    }

    /** An ids map without null values (so {@code ids.get} never lies about an id being present). */
    static Map<String, String> ids(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) m.put(pairs[i], pairs[i + 1]);
        return Map.copyOf(m);
    }

    /**
     * The version part of a title, when the provider keeps it inside the title: "Song - Radio Edit",
     * "Song (Extended Mix)", "Song [X Remix]". Only a suffix with a version word counts, so "(feat. X)" or
     * "(Mwah)" is not taken for one.
     */
    static String versionFromTitle(String title) {
        if (title == null) return null;
        int dash = title.lastIndexOf(" - ");
        if (dash > 0) {
            String tail = title.substring(dash + 3).trim();
            if (VERSION_WORDS.matcher(tail).find()) return tail;
        }
        Matcher m = TRAILING_PAREN.matcher(title);
        if (m.find() && VERSION_WORDS.matcher(m.group(1)).find()) return m.group(1).trim();
        return null;
    }

    /** A free-text version label only when it names a version (MusicBrainz disambiguations also say "explicit"). */
    static String versionLabel(String s) {
        if (s == null || s.isBlank()) return null;
        String t = s.trim();
        if (t.startsWith("(") && t.endsWith(")")) t = t.substring(1, t.length() - 1).trim();
        return VERSION_WORDS.matcher(t).find() ? t : null;
    }

    /** "5:43" or "1:02:03" as milliseconds; null for "" and anything else. */
    static Integer clockMs(String s) {
        if (s == null) return null;
        Matcher m = CLOCK.matcher(s.trim());
        if (!m.matches()) return null;
        int h = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        return ((h * 60 + Integer.parseInt(m.group(2))) * 60 + Integer.parseInt(m.group(3))) * 1000;
    }

    /** Pitch class 0-11 of a note letter with optional sharp/flat ("A", "Gb", "C#"), or null. */
    static Integer pitchClass(String letter, boolean sharp, boolean flat) {
        if (letter == null || letter.isBlank()) return null;
        int base = switch (Character.toUpperCase(letter.trim().charAt(0))) {
            case 'C' -> 0; case 'D' -> 2; case 'E' -> 4; case 'F' -> 5; case 'G' -> 7; case 'A' -> 9; case 'B' -> 11;
            default -> -100;
        };
        if (base < 0) return null;
        return Math.floorMod(base + (sharp ? 1 : 0) - (flat ? 1 : 0), 12);
    }

    /** {pitch class, mode} of a key name like "A Major", "Gb Minor", "F#m"; null when unreadable. */
    static int[] parseKeyName(String name) {
        if (name == null) return null;
        Matcher m = PITCH.matcher(name);
        if (!m.matches()) return null;
        String acc = m.group(2);
        boolean sharp = "#".equals(acc) || "♯".equals(acc);
        boolean flat = "b".equals(acc) || "♭".equals(acc);
        String q = m.group(3) == null ? "major" : m.group(3).toLowerCase(Locale.ROOT);
        int mode = q.startsWith("min") || q.equals("m") ? 0 : 1;
        return new int[] {pitchClass(m.group(1), sharp, flat), mode};
    }
}
