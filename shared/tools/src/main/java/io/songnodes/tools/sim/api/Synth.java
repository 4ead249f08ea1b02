package io.songnodes.tools.sim.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.json.Json;
import io.songnodes.tools.catalog.CatalogTrack;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Deterministic stand-ins for the ids and numbers a catalog line does not carry (album ids, artist ids,
 * popularity): derived from a hash of the names, so the same catalog always yields the same bodies.
 */
final class Synth {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String[] SHARP = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final int[] CAMELOT_MAJOR = {8, 3, 10, 5, 12, 7, 2, 9, 4, 11, 6, 1};
    private static final int[] CAMELOT_MINOR = {5, 12, 7, 2, 9, 4, 11, 6, 1, 8, 3, 10};

    private Synth() {}

    static ObjectNode obj() { return Json.MAPPER.createObjectNode(); }

    static ArrayNode arr() { return Json.MAPPER.createArrayNode(); }

    private static byte[] sha(String seed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A number in [0, bound) derived from {@code seed}. */
    static long num(String seed, long bound) {
        byte[] h = sha(seed);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
        return Math.floorMod(v, bound);
    }

    /** A number in [lo, hi]. */
    static long between(String seed, long lo, long hi) { return lo + num(seed, hi - lo + 1); }

    static String base62(String seed, int len) {
        byte[] h = sha(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) sb.append(BASE62.charAt((h[i % h.length] & 0xff) % 62));
        return sb.toString();
    }

    static String hex(String seed, int len) {
        byte[] h = sha(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; sb.length() < len; i++) sb.append(String.format("%02x", h[i % h.length]));
        return sb.substring(0, len);
    }

    static String uuid(String seed) { return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString(); }

    static String slug(String s) {
        String t = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        t = t.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return t.isEmpty() ? "untitled" : t;
    }

    /** The credited artists, split the way stores list them ("A & B ft. C" is A, B, C). */
    static List<String> artists(String credit) {
        List<String> out = new ArrayList<>();
        for (String part : credit.split("(?i)\\s+(?:ft\\.?|feat\\.?|featuring|vs\\.?|x|&|and|with|pres\\.)\\s+|,\\s*")) {
            String a = part.trim();
            if (!a.isEmpty() && !out.contains(a)) out.add(a);
        }
        if (out.isEmpty()) out.add(credit.trim());
        return out;
    }

    /** The joinphrase between credited artists i and i+1, as MusicBrainz writes it. */
    static String joinphrase(String credit, List<String> artists, int i) {
        if (i >= artists.size() - 1) return "";
        int a = credit.indexOf(artists.get(i));
        int b = credit.indexOf(artists.get(i + 1), a + artists.get(i).length());
        if (a < 0 || b < 0) return " & ";
        return credit.substring(a + artists.get(i).length(), b);
    }

    static String mmss(Integer ms) {
        if (ms == null) return "";
        long s = Math.round(ms / 1000.0);
        return (s / 60) + ":" + String.format("%02d", s % 60);
    }

    /** Key name in sharp spelling with the Major/Minor chord type: {@code F# Minor}. */
    static String keyName(int key, int mode) { return SHARP[key] + (mode == 1 ? " Major" : " Minor"); }

    static String keyLetter(int key) { return SHARP[key].substring(0, 1); }

    static boolean keySharp(int key) { return SHARP[key].length() > 1; }

    static int camelotNumber(int key, int mode) { return mode == 1 ? CAMELOT_MAJOR[key] : CAMELOT_MINOR[key]; }

    static boolean hasKey(CatalogTrack t) { return t.key() != null && t.key() >= 0 && t.key() < 12 && t.mode() != null; }

    /** A plausible year when the catalog has no release date. */
    static String releaseDate(CatalogTrack t) {
        if (t.releaseDate() != null && !t.releaseDate().isBlank()) return t.releaseDate();
        String seed = t.artist() + "|" + t.title();
        return String.format("%d-%02d-%02d", between(seed + "y", 2008, 2020), between(seed + "m", 1, 12), between(seed + "d", 1, 28));
    }

    static String label(CatalogTrack t) {
        if (t.label() != null && !t.label().isBlank()) return t.label();
        String[] labels = {"Armada Music", "Revealed Recordings", "Spinnin' Records", "Ed Banger Records", "Wakaa Music", "Black Hole Recordings"};
        return labels[(int) num(t.artist() + "|label", labels.length)];
    }
}
