package io.songnodes.identity;

import io.songnodes.flink.types.TypeFactories;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A track's parsed identity: main and featured artists, the base title and the version, all normalised.
 * Tracklist sites disagree on where "ft." goes and whether "(Original Mix)" is written, so the
 * parse puts each of those in one canonical place before the id is derived.
 */
public record TrackIdentity(
        @TypeInfo(TypeFactories.StringList.class) List<String> mainArtists,
        @TypeInfo(TypeFactories.StringList.class) List<String> featuredArtists,
        String baseTitle,
        String version,
        String labelSuffix) implements Serializable {

    private static final Pattern TRAILING_BRACKET = Pattern.compile("\\s*\\[([^\\[\\]]*)\\]+\\s*$"); // "]]" typos occur in MixesDB
    private static final Pattern GROUP = Pattern.compile("[(\\[]([^()\\[\\]]*)[)\\]]");
    private static final Pattern FEAT = Pattern.compile("(?i)\\s*\\b(?:ft|feat|featuring)\\b\\.?\\s+");
    private static final Pattern FEAT_PREFIX = Pattern.compile("(?i)^(?:ft|feat|featuring)\\b\\.?\\s+");
    private static final Pattern VERSUS = Pattern.compile("(?i)\\s+vs\\.?\\s+");
    private static final Pattern ARTIST_SEP = Pattern.compile("(?i)\\s*,\\s*|\\s+&\\s+|\\s+and\\s+|\\s+x\\s+|\\s+with\\s+");
    // "Song - Radio Edit": a dash suffix that names a version
    private static final Pattern DASH_VERSION = Pattern.compile(
            "(?i)\\s+[-\u2013]\\s+([^-\u2013]*\\b(?:mix|edit|remix|version|dub|vip|bootleg|mashup|mash up|rework|remaster(?:ed)?|instrumental|acappella|live)\\b[^-\u2013]*)$");
    // compiled once: parse runs for every bronze message and every provider candidate
    private static final Pattern VERSION_WORD = Pattern.compile(
            "\\b(mix|edit|remix|version|dub|vip|bootleg|mashup|mash up|rework|instrumental|acappella|live)\\b");
    private static final Pattern MASHUP_WORD = Pattern.compile("\\b(mashup|mash up|bootleg)\\b");
    /** Versions that name the same recording as no version at all. */
    private static final Set<String> CANONICAL_VERSIONS = Set.of(
            "", "original", "original mix", "extended", "extended mix", "original extended mix",
            "extended version", "original version", "album version");

    /**
     * The most characters of an artist or title the regexes see. Several of them backtrack over whitespace
     * runs, quadratic in the length: bounded input with runs collapsed bounds their time. Validated records and cleaned provider
     * values are shorter (1,000 bytes), so the cut only ever meets hostile input.
     */
    public static final int MAX_PARSE_CHARS = 1_000;

    /** Parses an artist credit and a title as tracklist sites write them. */
    public static TrackIdentity parse(String artist, String title) {
        artist = clip(artist);
        String t = title == null ? "" : clip(title).trim();
        String label = null;
        Matcher lm = TRAILING_BRACKET.matcher(t);
        // MixesDB ends titles with "[Label - CatNo]"; only a trailing bracket is a label, inner ones are versions
        if (lm.find() && !looksLikeVersion(lm.group(1))) {
            label = lm.group(1).trim();
            t = t.substring(0, lm.start()).trim();
        }

        Set<String> featured = new LinkedHashSet<>();
        List<String> versions = new ArrayList<>();
        Matcher gm = GROUP.matcher(t);
        StringBuilder base = new StringBuilder();
        int last = 0;
        while (gm.find()) {
            base.append(t, last, gm.start());
            String inner = gm.group(1).trim();
            Matcher fm = FEAT_PREFIX.matcher(inner);
            if (fm.find()) {
                splitArtists(inner.substring(fm.end()), featured);
            } else if (!inner.isEmpty()) {
                versions.add(inner);
            }
            last = gm.end();
        }
        base.append(t.substring(last));
        String baseTitle = base.toString().trim();
        Matcher dm = DASH_VERSION.matcher(baseTitle);
        if (dm.find()) {
            versions.add(dm.group(1).trim());
            baseTitle = baseTitle.substring(0, dm.start()).trim();
        }
        // "Title ft. X" inside the title itself
        String[] titleFeat = FEAT.split(baseTitle, 2);
        if (titleFeat.length == 2) {
            baseTitle = titleFeat[0].trim();
            splitArtists(titleFeat[1], featured);
        }

        Set<String> main = new LinkedHashSet<>();
        for (String part : VERSUS.split(artist == null ? "" : artist.trim())) {
            String[] pieces = FEAT.split(part);
            splitArtists(pieces[0], main);
            for (int i = 1; i < pieces.length; i++) splitArtists(pieces[i], featured);
        }
        featured.removeAll(main);

        String version = String.join(" ", versions.stream().map(TextNormalizer::normalize).toList()).trim();
        if (CANONICAL_VERSIONS.contains(version)) version = null;
        return new TrackIdentity(new ArrayList<>(main), new ArrayList<>(featured), TextNormalizer.normalize(baseTitle), version, label);
    }

    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s{2,}+");

    /** At most {@link #MAX_PARSE_CHARS}, whitespace runs collapsed: the regexes that backtrack over runs see none. */
    static String clip(String s) {
        if (s == null) return null;
        return WHITESPACE_RUN.matcher(clip(s, MAX_PARSE_CHARS)).replaceAll(" ");
    }

    static String clip4(String s) { return clip(s, 4 * MAX_PARSE_CHARS); }

    private static String clip(String s, int max) {
        if (s == null || s.length() <= max) return s;
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }

    private static boolean looksLikeVersion(String inner) {
        String n = TextNormalizer.normalize(inner);
        return VERSION_WORD.matcher(n).find()
                || FEAT_PREFIX.matcher(inner.trim()).find();
    }

    private static void splitArtists(String credit, Set<String> into) {
        for (String a : ARTIST_SEP.split(credit)) {
            String n = TextNormalizer.normalizeArtist(a);
            if (!n.isEmpty()) into.add(n);
        }
    }

    /** Every credited artist, main first, as a sorted set: the order sites list them in does not matter. */
    public Set<String> allArtists() {
        Set<String> all = new TreeSet<>(mainArtists);
        all.addAll(featuredArtists);
        return all;
    }

    /** The main artists joined for display and search. */
    public String artistNormalized() { return String.join(" ", mainArtists); }

    /** True when the version is a mashup or bootleg blend of several songs. */
    public boolean isMashup() {
        return version != null && MASHUP_WORD.matcher(version.toLowerCase(Locale.ROOT)).find();
    }

    /** The text the track id hashes: artists, title and version, each in its canonical form. */
    public String canonicalKey() {
        return String.join(",", allArtists()) + '|' + baseTitle + '|' + (version == null ? "" : version);
    }
}
