package io.songnodes.identity;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Case, diacritic, punctuation and {@code &}/{@code and} folding shared by identity and matching. */
public final class TextNormalizer {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    // dots and apostrophes join letters ("D.A.N.C.E.", "Don't"); everything else separates words
    private static final Pattern JOINERS = Pattern.compile("[.'\u2019`´]");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern LEADING_THE = Pattern.compile("^the ");

    private TextNormalizer() {}

    /** Lower-case ASCII words separated by single spaces; {@code &} reads as {@code and}. */
    public static String normalize(String s) {
        if (s == null) return "";
        // linear regexes only, but the work is still bounded: nothing legitimate is longer
        String t = Normalizer.normalize(s.length() > 4 * TrackIdentity.MAX_PARSE_CHARS ? TrackIdentity.clip4(s) : s, Normalizer.Form.NFKD);
        t = MARKS.matcher(t).replaceAll("");
        t = t.toLowerCase(Locale.ROOT)
                .replace("ø", "o").replace("æ", "ae").replace("œ", "oe").replace("ß", "ss")
                .replace("đ", "d").replace("ł", "l").replace("ı", "i").replace("&", " and ");
        t = JOINERS.matcher(t).replaceAll("");
        t = SEPARATORS.matcher(t).replaceAll(" ").trim();
        return t;
    }

    /** {@link #normalize} plus a dropped leading "The", for artist names ("The Prodigy" = "Prodigy"). */
    public static String normalizeArtist(String s) {
        return LEADING_THE.matcher(normalize(s)).replaceFirst("");
    }
}
