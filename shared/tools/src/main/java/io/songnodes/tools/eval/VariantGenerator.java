package io.songnodes.tools.eval;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an artist and a title the way another scraper or a person would write them, one {@link Variant}
 * at a time. Seeded: the same seed, variant and input give the same output. A slip hits the longest word
 * of letters (never a version in brackets, never a word with digits); a variant that cannot apply (no
 * {@code &} to rewrite, no {@code ft.}) returns empty.
 */
public final class VariantGenerator {
    private static final Pattern JOINER = Pattern.compile("\\s+(?:&|and|x)\\s+|,\\s*");
    private static final Pattern FEAT = Pattern.compile("(?i)\\b(?:ft|feat|featuring)\\b\\.?");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final String[] JOINERS = {" & ", " and ", " x "};
    private static final String[] FEATS = {"ft.", "feat.", "featuring", "Feat.", "ft"};
    private static final String PLAIN = "aeiouAEIOUnc", ACCENTED = "áéíóúÁÉÍÓÚñç";

    private final long seed;

    public VariantGenerator(long seed) { this.seed = seed; }

    /** An artist and title pair. */
    public record Written(String artist, String title) {}

    /** The rewrite of {@code artist} / {@code title} in class {@code v}, or empty when it does not apply. */
    public Optional<Written> rewrite(Variant v, String artist, String title) {
        Random rnd = new Random(seed * 31 + (artist + '|' + title + '|' + v).hashCode());
        String base = baseOf(title), rest = title.substring(base.length());
        Written w = switch (v) {
            case CLEAN -> new Written(artist, title);
            case CASE -> rnd.nextBoolean() ? new Written(artist.toLowerCase(), title.toLowerCase())
                    : new Written(artist.toUpperCase(), title.toUpperCase());
            case JOINERS -> joiners(artist, rnd).map(a -> new Written(a, title)).orElse(null);
            case FEATURING -> featuring(artist, rnd).map(a -> new Written(a, title)).orElse(null);
            case DIACRITICS -> new Written(diacritics(artist, rnd), diacritics(base, rnd) + rest);
            case SPACING -> new Written(" " + artist.replace(" ", "  ") + " ", base.replace(" ", "  ") + "  " + rest.strip() + " ");
            case TRANSPOSED_ARTIST, DROPPED_ARTIST, DOUBLED_ARTIST -> slip(artist, v, rnd).map(a -> new Written(a, title)).orElse(null);
            case TRANSPOSED_TITLE, DROPPED_TITLE, DOUBLED_TITLE -> slip(base, v, rnd).map(b -> new Written(artist, b + rest)).orElse(null);
        };
        if (w == null || (w.artist().equals(artist) && w.title().equals(title) && v != Variant.CLEAN)) return Optional.empty();
        return Optional.of(w);
    }

    /** The title up to its first bracket: where the song's name ends and its version starts. */
    static String baseOf(String title) {
        int i = title.indexOf('(');
        int j = title.indexOf('[');
        int cut = i < 0 ? j : j < 0 ? i : Math.min(i, j);
        return cut <= 0 ? title : title.substring(0, cut).stripTrailing();
    }

    private static Optional<String> joiners(String artist, Random rnd) {
        Matcher m = JOINER.matcher(artist);
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            String now = m.group().strip();
            String to;
            do to = JOINERS[rnd.nextInt(JOINERS.length)]; while (to.strip().equals(now));
            m.appendReplacement(sb, Matcher.quoteReplacement(to));
            any = true;
        }
        m.appendTail(sb);
        return any ? Optional.of(sb.toString()) : Optional.empty();
    }

    private static Optional<String> featuring(String artist, Random rnd) {
        Matcher m = FEAT.matcher(artist);
        if (!m.find()) return Optional.empty();
        String to;
        do to = FEATS[rnd.nextInt(FEATS.length)]; while (to.equals(m.group()));
        return Optional.of(artist.substring(0, m.start()) + to + artist.substring(m.end()));
    }

    /** Strips the accents a name has, or accents up to two plain letters of one without. */
    private static String diacritics(String s, Random rnd) {
        String stripped = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        if (!stripped.equals(s)) return stripped;
        char[] c = s.toCharArray();
        for (int n = 0, tries = 0; n < 2 && tries < 50; tries++) {
            int i = rnd.nextInt(c.length);
            int k = PLAIN.indexOf(c[i]);
            if (k >= 0) {
                c[i] = ACCENTED.charAt(k);
                n++;
            }
        }
        return new String(c);
    }

    private static Optional<String> slip(String s, Variant v, Random rnd) {
        Matcher m = WORD.matcher(s);
        int start = -1, end = -1;
        while (m.find()) {
            boolean digitNext = m.end() < s.length() && Character.isDigit(s.charAt(m.end()))
                    || m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
            if (!digitNext && m.end() - m.start() > end - start) {
                start = m.start();
                end = m.end();
            }
        }
        if (start < 0 || end - start < 2) return Optional.empty();
        String w = s.substring(start, end);
        String slipped = switch (v) {
            case TRANSPOSED_ARTIST, TRANSPOSED_TITLE -> {
                int i = -1;
                for (int tries = 0; tries < 20 && i < 0; tries++) {
                    int k = rnd.nextInt(w.length() - 1);
                    if (Character.toLowerCase(w.charAt(k)) != Character.toLowerCase(w.charAt(k + 1))) i = k;
                }
                yield i < 0 ? null : w.substring(0, i) + w.charAt(i + 1) + w.charAt(i) + w.substring(i + 2);
            }
            case DROPPED_ARTIST, DROPPED_TITLE -> {
                int i = 1 + rnd.nextInt(w.length() - 1);
                yield w.substring(0, i) + w.substring(i + 1);
            }
            default -> {
                int i = rnd.nextInt(w.length());
                yield w.substring(0, i + 1) + Character.toLowerCase(w.charAt(i)) + w.substring(i + 1);
            }
        };
        return slipped == null ? Optional.empty() : Optional.of(s.substring(0, start) + slipped + s.substring(end));
    }
}
