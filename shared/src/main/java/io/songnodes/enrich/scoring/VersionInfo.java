package io.songnodes.enrich.scoring;

import io.songnodes.identity.TrackIdentity;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What recording a version string names. Two versions are the same recording when their signatures are
 * equal: the version's words minus the ones that never distinguish a recording ("original", "extended",
 * "mix", "version", remaster years). So "Extended Mix" = "Original Mix" = none, "Henry Fong Remix" =
 * "Henry Fong Extended Remix", but "Radio Edit", "Club Mix", "VIP", "Acappella" and every remixer name
 * differ. A blend (mashup, bootleg, a {@code vs.} title or a {@code w/} title) is never the same
 * recording as a non-blend. {@code extended} records that an otherwise canonical version was spelled
 * "Extended", so scoring can prefer the literal spelling between two listings of one song.
 */
public record VersionInfo(String version, Set<String> signature, Kind kind, boolean blend, boolean remastered, boolean extended) implements Serializable {

    /** The version family, for explanations. */
    public enum Kind { ORIGINAL, RADIO_EDIT, CLUB_MIX, EXTENDED, REMIX, EDIT, VIP, BOOTLEG, MASHUP, ACAPPELLA, INSTRUMENTAL, DUB, LIVE, REWORK, OTHER }

    private static final Set<String> FILLER = Set.of("original", "extended", "mix", "version", "and", "the", "feat", "ft");
    private static final Set<String> REMASTER = Set.of("remaster", "remastered", "remasterd", "digital");
    private static final Pattern YEAR = Pattern.compile("(19|20)\\d\\d");
    private static final Pattern EXTENDED = Pattern.compile("(?i)\\bextended\\b");
    private static final Pattern W_SLASH = Pattern.compile("(?i)(^|\\s)w/\\s");

    /** The version of a parsed track; {@code rawTitle} is checked for {@code w/} blends, which the parse folds away. */
    public static VersionInfo of(TrackIdentity identity, String rawTitle) {
        String v = identity.version();
        boolean blend = identity.isMashup()
                || (rawTitle != null && W_SLASH.matcher(rawTitle).find())
                || (" " + identity.baseTitle() + " ").contains(" vs ");
        Set<String> words = new TreeSet<>();
        if (v != null) words.addAll(Arrays.asList(v.split("\\s+")));
        words.remove("");
        boolean remastered = words.stream().anyMatch(REMASTER::contains);
        Set<String> sig = new TreeSet<>();
        for (String w : words) {
            if (FILLER.contains(w) || REMASTER.contains(w)) continue;
            if (remastered && YEAR.matcher(w).matches()) continue;
            // "mashup" and "mash up" are one word for matching
            sig.add(w.equals("mash") ? "mashup" : w.equals("up") && words.contains("mash") ? "mashup" : w);
        }
        boolean extended = v == null && rawTitle != null && EXTENDED.matcher(rawTitle).find();
        return new VersionInfo(v, Set.copyOf(sig), kindOf(words, blend), blend, remastered, extended);
    }

    private static Kind kindOf(Set<String> w, boolean blend) {
        if (w.contains("mashup") || w.contains("mash")) return Kind.MASHUP;
        if (w.contains("bootleg")) return Kind.BOOTLEG;
        if (blend) return Kind.MASHUP;
        if (w.contains("acappella") || w.contains("acapella") || (w.contains("a") && w.contains("cappella"))) return Kind.ACAPPELLA;
        if (w.contains("instrumental")) return Kind.INSTRUMENTAL;
        if (w.contains("vip")) return Kind.VIP;
        if (w.contains("remix") || w.contains("refix")) return Kind.REMIX;
        if (w.contains("rework") || w.contains("flip")) return Kind.REWORK;
        if (w.contains("radio")) return Kind.RADIO_EDIT;
        if (w.contains("club")) return Kind.CLUB_MIX;
        if (w.contains("dub")) return Kind.DUB;
        if (w.contains("live")) return Kind.LIVE;
        if (w.contains("edit")) return Kind.EDIT;
        if (w.isEmpty() || w.stream().allMatch(x -> FILLER.contains(x) || REMASTER.contains(x) || YEAR.matcher(x).matches())) {
            return w.contains("extended") ? Kind.EXTENDED : Kind.ORIGINAL;
        }
        return Kind.OTHER;
    }

    /** True when this and {@code other} name the same recording. */
    public boolean sameRecording(VersionInfo other) {
        return blend == other.blend && signature.equals(other.signature);
    }

    /** Short form for explanations: the version as written, or "original". */
    public String label() {
        return version == null ? "original" : version;
    }
}
