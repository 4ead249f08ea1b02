package io.songnodes.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Derives track ids and bronze keys, and recognises unidentified tracks ({@code ID - ID}, {@code ?}). */
public final class TrackIds {
    private static final Set<String> UNKNOWN_ARTISTS = Set.of("", "id", "unknown", "unknown artist", "various", "various artists", "na", "n a", "tba", "tbc");
    private static final Set<String> UNKNOWN_TITLES = Set.of("", "id", "unknown", "unknown title", "tba", "tbc");
    // "Untitled" alone is a real title in techno ("Tst 008 - Untitled"); it is unidentified only with an unknown artist

    private TrackIds() {}

    /** The stable id every source gets for the same song. */
    public static String trackId(TrackIdentity identity) {
        return "trk_" + sha256(identity.canonicalKey()).substring(0, 24);
    }

    /**
     * Unidentified rows are not the same song as each other, so each keeps its own id, derived from
     * where it was played.
     */
    public static String unidentifiedTrackId(String bronzeKey) {
        return "unk_" + sha256(bronzeKey).substring(0, 24);
    }

    /** True for {@code ID - ID}, {@code ?}, {@code Unknown Artist - Untitled}, and an {@code ID} artist or title. */
    public static boolean isUnidentified(String rawArtist, String rawTitle, TrackIdentity identity) {
        rawArtist = TrackIdentity.clip(rawArtist);
        rawTitle = TrackIdentity.clip(rawTitle);
        if (isPlaceholder(rawArtist) || isPlaceholder(stripLabel(rawTitle))) return true;
        String artist = String.join(" ", identity.mainArtists());
        return UNKNOWN_ARTISTS.contains(artist) || UNKNOWN_TITLES.contains(identity.baseTitle());
    }

    // compiled once: both run for every bronze message (String.matches and replaceAll compile their regex per call)
    private static final Pattern PLACEHOLDER = Pattern.compile("\\?+|id\\??|id\\s*\\(.*\\)");
    private static final Pattern LABEL_SUFFIX = Pattern.compile("\\s*\\[[^\\]]*\\]\\s*$");

    private static boolean isPlaceholder(String s) {
        if (s == null) return true;
        String t = s.trim();
        return t.isEmpty() || t.chars().allMatch(c -> c == '?' || Character.isWhitespace(c))
                || PLACEHOLDER.matcher(t.toLowerCase(Locale.ROOT)).matches();
    }

    private static String stripLabel(String title) {
        return title == null ? null : LABEL_SUFFIX.matcher(title).replaceAll("");
    }

    /**
     * The bronze key: {@code (source, source_url, source_track_id)} plus the position. A set can play one
     * track twice (the kit's Justice set plays "D.A.N.C.E." three times), and each play is its own bronze
     * row. Without a source track id the normalised artist and title stand in for it, so two "?" rows of
     * one set stay two rows through their positions.
     */
    public static String bronzeKey(String source, String sourceUrl, String sourceTrackId, Integer position, String artist, String title) {
        String track = sourceTrackId != null && !sourceTrackId.isBlank()
                ? sourceTrackId
                : "n:" + TextNormalizer.normalize(artist) + '|' + TextNormalizer.normalize(title);
        return bounded(source) + '|' + bounded(sourceUrl) + '|' + bounded(track) + '@' + (position == null ? "" : position);
    }

    /** The longest key part kept as it is; longer parts are hashed, so no key can reach an index-row limit. */
    public static final int MAX_KEY_PART_BYTES = 256;

    /** {@code part} itself when short, else its SHA-256: keys stay stable and bounded whatever the input. */
    public static String bounded(String part) {
        if (part == null || part.length() <= MAX_KEY_PART_BYTES / 4
                || part.getBytes(StandardCharsets.UTF_8).length <= MAX_KEY_PART_BYTES) return part;
        return "sha256:" + sha256(part);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
