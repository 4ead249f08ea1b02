package io.songnodes.music;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key on the Camelot wheel: a number 1–12 and a letter, {@code A} for minor and {@code B} for major.
 * The pitch-class tables are the corrected ones of docs/providers.md (the old SongNodes code mapped minor
 * keys as if they were major).
 */
public record CamelotKey(int number, char letter) implements Serializable, Comparable<CamelotKey> {
    /** Camelot number of each pitch class 0 (C) … 11 (B) in major. */
    private static final int[] MAJOR = {8, 3, 10, 5, 12, 7, 2, 9, 4, 11, 6, 1};
    /** Camelot number of each pitch class 0 (C) … 11 (B) in minor. */
    private static final int[] MINOR = {5, 12, 7, 2, 9, 4, 11, 6, 1, 8, 3, 10};
    private static final String[] PITCH_NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final Pattern CAMELOT = Pattern.compile("0?([1-9]|1[0-2])\\s*([ab])");

    public CamelotKey {
        if (number < 1 || number > 12) throw new IllegalArgumentException("Camelot number must be 1..12: " + number);
        letter = Character.toUpperCase(letter);
        if (letter != 'A' && letter != 'B') throw new IllegalArgumentException("Camelot letter must be A or B: " + letter);
    }

    /** From a pitch class (0 = C … 11 = B) and a mode (1 major, 0 minor), as Spotify and the catalog give them. */
    public static CamelotKey of(int pitchClass, int mode) {
        if (pitchClass < 0 || pitchClass > 11) throw new IllegalArgumentException("pitch class must be 0..11: " + pitchClass);
        if (mode != 0 && mode != 1) throw new IllegalArgumentException("mode must be 0 (minor) or 1 (major): " + mode);
        return mode == 1 ? new CamelotKey(MAJOR[pitchClass], 'B') : new CamelotKey(MINOR[pitchClass], 'A');
    }

    /** Like {@link #of}, but empty for Spotify's "no key detected" ({@code -1}) and other out-of-range values. */
    public static Optional<CamelotKey> ofNullable(Integer pitchClass, Integer mode) {
        if (pitchClass == null || mode == null || pitchClass < 0 || pitchClass > 11 || (mode != 0 && mode != 1)) return Optional.empty();
        return Optional.of(of(pitchClass, mode));
    }

    /** Parses exactly the Camelot notation ({@code 8A}, {@code 12b}, {@code 08A}); see {@link KeyNames} for key names. */
    public static Optional<CamelotKey> parseCamelot(String s) {
        if (s == null) return Optional.empty();
        Matcher m = CAMELOT.matcher(s.trim().toLowerCase(Locale.ROOT));
        return m.matches() ? Optional.of(new CamelotKey(Integer.parseInt(m.group(1)), m.group(2).charAt(0))) : Optional.empty();
    }

    public boolean isMajor() { return letter == 'B'; }

    /** Pitch class of the tonic, 0 = C … 11 = B. */
    public int pitchClass() {
        int[] table = isMajor() ? MAJOR : MINOR;
        for (int pc = 0; pc < 12; pc++) if (table[pc] == number) return pc;
        throw new AssertionError(this);
    }

    /** 1 for major, 0 for minor (Spotify's convention). */
    public int mode() { return isMajor() ? 1 : 0; }

    /** {@code "C# minor"}, using sharps like the providers' pitch-class tables. */
    public String keyName() { return PITCH_NAMES[pitchClass()] + (isMajor() ? " major" : " minor"); }

    /** Moves {@code steps} around the wheel on the same letter (12 wraps to 1). */
    public CamelotKey step(int steps) { return new CamelotKey(Math.floorMod(number - 1 + steps, 12) + 1, letter); }

    /** The relative major or minor: same number, other letter (same notes, so same key signature). */
    public CamelotKey relative() { return new CamelotKey(number, isMajor() ? 'A' : 'B'); }

    /** The keys a DJ can mix into harmonically: itself, ±1 on the same letter, and the relative key. */
    public List<CamelotKey> compatibleKeys() { return List.of(this, step(-1), step(1), relative()); }

    /**
     * The key family: the relative major/minor pair that shares this key's notes, named by the Camelot
     * number and both tonics, e.g. {@code "8: C major / A minor"}.
     */
    public String family() {
        CamelotKey major = isMajor() ? this : relative();
        CamelotKey minor = major.relative();
        return number + ": " + major.keyName() + " / " + minor.keyName();
    }

    /** Steps between two keys: around the wheel on the number (at most 6), plus one when the letter differs. */
    public int distance(CamelotKey other) {
        int d = Math.abs(number - other.number);
        return Math.min(d, 12 - d) + (letter == other.letter ? 0 : 1);
    }

    @Override public String toString() { return number + String.valueOf(letter); }

    @Override public int compareTo(CamelotKey o) {
        return number != o.number ? Integer.compare(number, o.number) : Character.compare(letter, o.letter);
    }
}
