package io.songnodes.enrich.waterfall;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Musical key names and Camelot codes for the waterfall's {@code key} field. A minimal private copy of
 * the Camelot wheel in design/providers.md, so the engine does not wait for the shared music package;
 * swap it for {@code io.songnodes.music} once that lands. Names are written with sharps: "C# minor".
 */
public final class KeyNames {
    /** A key as pitch class 0-11 (C=0) and mode 1 major / 0 minor. */
    public record Key(int pitchClass, int mode) {
        public String name() { return NOTES[pitchClass] + (mode == 1 ? " major" : " minor"); }

        public String camelot() { return (mode == 1 ? MAJOR[pitchClass] + "B" : MINOR[pitchClass] + "A"); }
    }

    private static final String[] NOTES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final int[] MAJOR = {8, 3, 10, 5, 12, 7, 2, 9, 4, 11, 6, 1};
    private static final int[] MINOR = {5, 12, 7, 2, 9, 4, 11, 6, 1, 8, 3, 10};
    private static final Pattern NAME = Pattern.compile(
            "([a-g])\\s*(#|\u266f|sharp|b|\u266d|flat)?\\s*(major|maj|minor|min|m)?");
    private static final Pattern CAMELOT = Pattern.compile("(1[0-2]|[1-9])\\s*([ab])");

    private KeyNames() {}

    /** From a pitch class and mode as Spotify sends them; -1 or null means no key was detected. */
    public static Optional<Key> of(Integer pitchClass, Integer mode) {
        if (pitchClass == null || pitchClass < 0 || pitchClass > 11 || mode == null || (mode != 0 && mode != 1)) return Optional.empty();
        return Optional.of(new Key(pitchClass, mode));
    }

    /** Parses "C# Major", "c# minor", "Db major", "F#m", "Gmin", "A♭ Minor" and Camelot codes like "8A". */
    public static Optional<Key> parse(String text) {
        if (text == null) return Optional.empty();
        String t = text.trim();
        Matcher cm = CAMELOT.matcher(t.toLowerCase(Locale.ROOT));
        if (cm.matches()) {
            int n = Integer.parseInt(cm.group(1));
            int[] table = cm.group(2).equals("b") ? MAJOR : MINOR;
            for (int pc = 0; pc < 12; pc++) if (table[pc] == n) return Optional.of(new Key(pc, cm.group(2).equals("b") ? 1 : 0));
        }
        // "Am" is minor but "AM" means major: a lone "m" is the one case-sensitive spelling
        boolean loneUpperM = t.endsWith("M");
        Matcher m = NAME.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) return Optional.empty();
        int pc = switch (m.group(1).charAt(0)) {
            case 'c' -> 0; case 'd' -> 2; case 'e' -> 4; case 'f' -> 5; case 'g' -> 7; case 'a' -> 9; default -> 11;
        };
        String acc = m.group(2);
        if (acc != null) pc += acc.equals("#") || acc.equals("\u266f") || acc.equals("sharp") ? 1 : -1;
        pc = Math.floorMod(pc, 12);
        String q = m.group(3);
        int mode = q == null || q.startsWith("maj") || (q.equals("m") && loneUpperM) ? 1 : 0;
        return Optional.of(new Key(pc, mode));
    }
}
