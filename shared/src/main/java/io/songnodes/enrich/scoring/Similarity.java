package io.songnodes.enrich.scoring;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** String and artist-set similarity on already normalised text. */
public final class Similarity {
    /** Two artist names this close (edit-distance ratio) are one artist spelled two ways ("Rodhad" / "Rødhåd" folded). */
    static final double SAME_ARTIST = 0.88;

    private Similarity() {}

    /**
     * 1 - edit distance / longer length. Hand-written because this one function is all we need from
     * commons-text, which is not otherwise on the classpath.
     */
    public static double levenshteinRatio(String a, String b) {
        if (a.equals(b)) return 1.0;
        int n = a.length(), m = b.length();
        if (n == 0 || m == 0) return 0.0;
        int[] prev = new int[m + 1], cur = new int[m + 1];
        for (int j = 0; j <= m; j++) prev[j] = j;
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return 1.0 - (double) prev[m] / Math.max(n, m);
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
     * "am 2 pm"), else the better of word Jaccard and edit ratio, squared, so that a title sharing most
     * words ("Exploration Of Space" / "Exploration Of Outer Space") still scores low.
     */
    public static double title(String a, String b) {
        if (a.equals(b)) return 1.0;
        if (a.replace(" ", "").equals(b.replace(" ", ""))) return 0.98;
        double s = Math.max(tokenJaccard(a, b), levenshteinRatio(a, b));
        return s * s;
    }

    /** True when two normalised artist names are one artist. */
    public static boolean sameArtist(String a, String b) {
        if (a.equals(b)) return true;
        String x = a.replace(" ", ""), y = b.replace(" ", "");
        return x.equals(y) || levenshteinRatio(x, y) >= SAME_ARTIST;
    }

    /**
     * Artist-set score in [0,1], Jaccard-like with fuzzy name matching. Providers often drop featured or
     * secondary artists, so when every main artist of the bronze record is credited the score stays high
     * (0.85 + 0.15 * Jaccard); when some main artist is missing it falls to 0.3 + 0.6 * Jaccard; no shared
     * artist at all scores 0.
     */
    public static double artists(Collection<String> bronzeMain, Collection<String> bronzeAll, Collection<String> candidateAll) {
        if (bronzeAll.isEmpty() || candidateAll.isEmpty()) return 0.0;
        int matched = 0;
        for (String b : bronzeAll) {
            if (candidateAll.stream().anyMatch(c -> sameArtist(b, c))) matched++;
        }
        if (matched == 0) return 0.0;
        int matchedCandidates = 0;
        for (String c : candidateAll) {
            if (bronzeAll.stream().anyMatch(b -> sameArtist(b, c))) matchedCandidates++;
        }
        int shared = Math.min(matched, matchedCandidates);
        double jaccard = (double) shared / (bronzeAll.size() + candidateAll.size() - shared);
        boolean mainCovered = bronzeMain.stream().allMatch(b -> candidateAll.stream().anyMatch(c -> sameArtist(b, c)));
        return mainCovered ? 0.85 + 0.15 * jaccard : 0.3 + 0.6 * jaccard;
    }
}
