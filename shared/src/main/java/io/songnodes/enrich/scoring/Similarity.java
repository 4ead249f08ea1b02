package io.songnodes.enrich.scoring;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * String and artist-set similarity on already normalised text, tolerant of one typing slip per title and
 * per artist name: two adjacent letters swapped, a letter dropped, doubled or added, or (in long words) a
 * letter replaced, in one word. The edit cap is relative to length, as Lucene's fuzzy terms have it (the
 * edit must be shorter than the shorter word): an artist name's word needs {@value #MIN_SLIP_WORD} letters,
 * a title's word {@value #MIN_SHORT_SLIP_WORD} ("Oen" / "One", "Th" / "The"), and a replaced letter
 * {@value #MIN_SUBSTITUTION_WORD}. A slip costs a little confidence ({@link #TITLE_SLIP}, more for a
 * three-letter word: {@link #TITLE_SHORT_SLIP}; {@link #ARTIST_SLIP}) so the literal spelling wins a tie and
 * two songs one slip apart are ambiguous. Words with digits never slip ("2016" is not "2017"), and versions
 * are compared elsewhere, word for word.
 */
public final class Similarity {
    /** Two artist names this close (edit-distance ratio) are one artist spelled two ways ("Rodhad" / "Rødhåd" folded). */
    static final double SAME_ARTIST = 0.88;
    /** Title factor for one word off by one slip. */
    public static final double TITLE_SLIP = 0.94;
    /**
     * Title factor for a slip in a word of at most three letters: one edit in three letters is more often another
     * word, so such a match stays below a literal one by more than the ambiguity margin.
     */
    public static final double TITLE_SHORT_SLIP = 0.90;
    /** Artist factor for one name off by one slip. */
    public static final double ARTIST_SLIP = 0.95;
    /** An artist name's words slip from this length: shorter names are too easily another act. */
    static final int MIN_SLIP_WORD = 4;
    /** A title's words slip from this length (the longer of the two spellings): "In Th End", "Oen". */
    static final int MIN_SHORT_SLIP_WORD = 3;
    /** A replaced letter turns short words into other words ("Love" / "Live"); from this length it reads as a slip. */
    static final int MIN_SUBSTITUTION_WORD = 6;

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();
    /** Bounded: gives up (-1) beyond one edit, so a word pair costs O(length). */
    private static final LevenshteinDistance ONE_EDIT = new LevenshteinDistance(1);

    private Similarity() {}

    /** 1 - edit distance / longer length. */
    public static double levenshteinRatio(String a, String b) {
        if (a.equals(b)) return 1.0;
        if (a.isEmpty() || b.isEmpty()) return 0.0;
        return 1.0 - (double) DISTANCE.apply(a, b) / Math.max(a.length(), b.length());
    }

    /** Word-set Jaccard index. */
    public static double tokenJaccard(String a, String b) {
        Set<String> x = tokens(a), y = tokens(b);
        if (x.isEmpty() && y.isEmpty()) return 1.0;
        Set<String> inter = new HashSet<>(x);
        inter.retainAll(y);
        return (double) inter.size() / (x.size() + y.size() - inter.size());
    }

    static Set<String> tokens(String s) {
        Set<String> t = new HashSet<>(Arrays.asList(s.trim().split("\\s+")));
        t.remove("");
        return t;
    }

    /**
     * Title score in [0,1]: 1 for equal normalised titles, nearly 1 when only spacing differs ("am2pm" /
     * "am 2 pm"), {@link #TITLE_SLIP} for one slip in one word ({@link #TITLE_SHORT_SLIP} in a word of three
     * letters or fewer), else the better of word Jaccard and edit ratio, squared, so that a title sharing most
     * words ("Exploration Of Space" / "Exploration Of Outer Space") still scores low.
     */
    public static double title(String a, String b) {
        if (a.equals(b)) return 1.0;
        if (a.replace(" ", "").equals(b.replace(" ", ""))) return 0.98;
        double s = Math.max(tokenJaccard(a, b), levenshteinRatio(a, b));
        int slipped = slippedWordLength(a, b, MIN_SHORT_SLIP_WORD);
        if (slipped == 0) return s * s;
        return Math.max(slipped < MIN_SLIP_WORD ? TITLE_SHORT_SLIP : TITLE_SLIP, s * s);
    }

    /** True when two normalised artist names are one artist. */
    public static boolean sameArtist(String a, String b) { return artistMatch(a, b) > 0; }

    /** 1 for one artist spelled alike, {@link #ARTIST_SLIP} for one artist with a slip in one word of the name, else 0. */
    static double artistMatch(String a, String b) {
        if (a.equals(b)) return 1.0;
        String x = a.replace(" ", ""), y = b.replace(" ", "");
        if (x.equals(y) || levenshteinRatio(x, y) >= SAME_ARTIST) return 1.0;
        return oneWordSlip(a, b) ? ARTIST_SLIP : 0.0;
    }

    /** True when some bronze artist is credited on the candidate, but spelled differently (beyond spacing). */
    public static boolean artistSlipped(Collection<String> bronzeAll, Collection<String> candidateAll) {
        for (String b : bronzeAll) {
            String x = b.replace(" ", "");
            boolean credited = false, alike = false;
            for (String c : candidateAll) {
                if (artistMatch(b, c) == 0) continue;
                credited = true;
                alike |= x.equals(c.replace(" ", ""));
            }
            if (credited && !alike) return true;
        }
        return false;
    }

    /** True when two normalised texts have the same words but one, and that one differs by a single slip (names: 4+ letters). */
    static boolean oneWordSlip(String a, String b) { return slippedWordLength(a, b, MIN_SLIP_WORD) > 0; }

    /**
     * The length of the longer spelling of the one word two normalised texts differ in, when every other word is
     * equal and that word differs by one slip in a word of at least {@code minWord} letters; else 0.
     */
    static int slippedWordLength(String a, String b, int minWord) {
        String[] x = a.split(" "), y = b.split(" ");
        if (x.length != y.length) return 0;
        int slipped = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i].equals(y[i])) continue;
            if (slipped > 0 || !oneSlip(x[i], y[i], minWord)) return 0;
            slipped = Math.max(x[i].length(), y[i].length());
        }
        return slipped;
    }

    /** True when two different words (the longer of {@value #MIN_SLIP_WORD}+ letters) differ by one slip. */
    static boolean oneSlip(String a, String b) { return oneSlip(a, b, MIN_SLIP_WORD); }

    /**
     * True when two different words differ by one slip, the longer having at least {@code minWord} letters and the
     * edit being shorter than the shorter word (Lucene's rule for fuzzy terms: "a" is never a slip of "an").
     */
    static boolean oneSlip(String a, String b, int minWord) {
        int la = a.length(), lb = b.length();
        if (Math.max(la, lb) < minWord || Math.min(la, lb) < 2 || hasDigit(a) || hasDigit(b)) return false;
        if (la == lb) return transposed(a, b) || la >= MIN_SUBSTITUTION_WORD && ONE_EDIT.apply(a, b) == 1;
        return Math.abs(la - lb) == 1 && ONE_EDIT.apply(a, b) == 1;
    }

    /**
     * Same letters with two adjacent ones swapped. Levenshtein counts this one slip as two edits and
     * commons-text has no optimal-string-alignment distance, hence this check.
     */
    static boolean transposed(String a, String b) {
        int n = a.length(), i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) i++;
        return i + 1 < n && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                && a.regionMatches(i + 2, b, i + 2, n - i - 2);
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isDigit(s.charAt(i))) return true;
        return false;
    }

    /**
     * Artist-set score in [0,1], Jaccard-like with fuzzy name matching. Providers often drop featured or
     * secondary artists, so when every main artist of the bronze record is credited the score stays high
     * (0.85 + 0.15 * Jaccard); when some main artist is missing it falls to 0.3 + 0.6 * Jaccard; no shared
     * artist at all scores 0. A name recognised only through a slip multiplies the score by {@link #ARTIST_SLIP}.
     */
    public static double artists(Collection<String> bronzeMain, Collection<String> bronzeAll, Collection<String> candidateAll) {
        if (bronzeAll.isEmpty() || candidateAll.isEmpty()) return 0.0;
        int matched = 0;
        double slip = 1.0;
        for (String b : bronzeAll) {
            double best = 0;
            for (String c : candidateAll) best = Math.max(best, artistMatch(b, c));
            if (best > 0) {
                matched++;
                slip = Math.min(slip, best);
            }
        }
        if (matched == 0) return 0.0;
        int matchedCandidates = 0;
        for (String c : candidateAll) {
            if (bronzeAll.stream().anyMatch(b -> sameArtist(b, c))) matchedCandidates++;
        }
        int shared = Math.min(matched, matchedCandidates);
        double jaccard = (double) shared / (bronzeAll.size() + candidateAll.size() - shared);
        boolean mainCovered = bronzeMain.stream().allMatch(b -> candidateAll.stream().anyMatch(c -> sameArtist(b, c)));
        return (mainCovered ? 0.85 + 0.15 * jaccard : 0.3 + 0.6 * jaccard) * slip;
    }
}
