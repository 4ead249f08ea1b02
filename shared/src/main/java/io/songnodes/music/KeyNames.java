package io.songnodes.music;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses musical keys in every spelling the providers and tracklists use: {@code "C# Major"},
 * {@code "c# minor"}, {@code "Db major"}, {@code "F#m"}, {@code "Gmin"}, {@code "A♭ Minor"} (Beatport),
 * {@code "8A"} (Camelot), {@code "1m"}/{@code "1d"} (Open Key), and a bare tonic meaning major.
 */
public final class KeyNames {
    private static final Pattern NAME = Pattern.compile(
            "([a-g])\\s*(#|b|sharp|flat|♯|♭)?\\s*(major|minor|maj|min|mi|ma|m|dur|moll)?\\.?");
    private static final Pattern OPEN_KEY = Pattern.compile("0?([1-9]|1[0-2])\\s*([dm])");
    private static final int[] NATURAL = {9, 11, 0, 2, 4, 5, 7}; // a b c d e f g

    private KeyNames() {}

    /** The Camelot key of {@code text}, or empty when it is blank or not a key. */
    public static Optional<CamelotKey> parse(String text) {
        if (text == null || text.isBlank()) return Optional.empty();
        String s = text.trim().toLowerCase(Locale.ROOT).replace('\u266f', '#').replace('\u266d', 'b');
        Optional<CamelotKey> camelot = CamelotKey.parseCamelot(s);
        if (camelot.isPresent()) return camelot;
        Matcher ok = OPEN_KEY.matcher(s);
        if (ok.matches()) {
            // Open Key 1d = C major = 8B, 1m = A minor = 8A: the numbers are Camelot's shifted by seven
            int n = Math.floorMod(Integer.parseInt(ok.group(1)) + 6, 12) + 1;
            return Optional.of(new CamelotKey(n, ok.group(2).equals("d") ? 'B' : 'A'));
        }
        Matcher m = NAME.matcher(s);
        if (!m.matches()) return Optional.empty();
        int pc = NATURAL[m.group(1).charAt(0) - 'a'];
        String acc = m.group(2);
        if (acc != null) pc += acc.equals("#") || acc.equals("sharp") ? 1 : -1;
        String quality = m.group(3);
        boolean minor = quality != null && (quality.startsWith("mi") || quality.equals("m") || quality.equals("moll"));
        return Optional.of(CamelotKey.of(Math.floorMod(pc, 12), minor ? 0 : 1));
    }

    /** Like {@link #parse} but fails with the offending text, for configuration and fixtures. */
    public static CamelotKey require(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a musical key: '" + text + "'"));
    }
}
