package io.songnodes.bronze;

import java.nio.charset.StandardCharsets;

/**
 * The text rules every value taken from outside obeys before it reaches PostgreSQL or the cache: bounded in
 * UTF-8 bytes, no NUL (PostgreSQL refuses it in text and jsonb), no lone surrogates (they cannot be encoded
 * as UTF-8 and would be replaced silently), and no control characters where the field does not allow them.
 */
public final class InputText {
    private InputText() {}

    /** The UTF-8 length of {@code s}, counted without allocating; lone surrogates count as the 3 bytes of U+FFFD. */
    public static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n += 1;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }

    /**
     * The first problem of {@code s} under the rules, or null when it has none. {@code controlsAllowed} lets
     * tab, newline and the other controls through (the field is cleaned later); NUL and lone surrogates never are.
     */
    public static String problem(String s, int maxBytes, boolean controlsAllowed) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) return "contains a NUL character at index " + i;
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) { i++; continue; }
                return "contains a lone surrogate at index " + i;
            }
            if (!controlsAllowed && isControl(c)) return "contains control character U+" + String.format("%04X", (int) c) + " at index " + i;
        }
        int bytes = utf8Length(s);
        if (bytes > maxBytes) return "is " + bytes + " bytes, over the limit of " + maxBytes;
        return null;
    }

    /** C0 and C1 controls and DEL. */
    public static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    /**
     * A value cleaned to the rules: NUL, controls and lone surrogates become spaces, runs of spaces they leave
     * collapse, and the result is cut to {@code maxBytes} on a character boundary. Null for null or blank.
     */
    public static String clean(String s, int maxBytes) {
        if (s == null) return null;
        boolean dirty = false;
        for (int i = 0; i < s.length() && !dirty; i++) {
            char c = s.charAt(i);
            if (isControl(c)) dirty = true;
            else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                else dirty = true;
            }
        }
        String t = s;
        if (dirty) {
            StringBuilder b = new StringBuilder(s.length());
            boolean space = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (isControl(c) || (Character.isSurrogate(c) && !pair)) {
                    if (!space) b.append(' ');
                    space = true;
                    continue;
                }
                b.append(c);
                if (pair) b.append(s.charAt(++i));
                space = false;
            }
            t = b.toString();
        }
        t = truncate(t.strip(), maxBytes).strip();
        return t.isEmpty() ? null : t;
    }

    /** {@code s} cut to at most {@code maxBytes} UTF-8 bytes without splitting a character. */
    public static String truncate(String s, int maxBytes) {
        if (s.length() * 3L <= maxBytes || utf8Length(s) <= maxBytes) return s;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
            int w = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
            if (n + w > maxBytes) return s.substring(0, i);
            n += w;
            if (pair) i++;
        }
        return s;
    }

    /** {@code s} as UTF-8 bytes; only for strings that passed {@link #problem}. */
    static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
