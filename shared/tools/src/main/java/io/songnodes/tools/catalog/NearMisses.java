package io.songnodes.tools.catalog;

import io.songnodes.identity.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Adds the near-misses a real catalog holds around each song, for match evaluation: other versions of the
 * song (a remix, a radio edit, an edit, a club mix; for a remix also the original and its extended mix) and
 * the same title by an artist sharing no name with the song's.
 * Every added track gets fresh Spotify and Beatport ids. The originals keep their place at the front, as
 * a real search ranks the popular listing before its obscure versions; the result depends only on the seed.
 */
public final class NearMisses {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private NearMisses() {}

    /** {@code tracks} followed by their near-misses. */
    public static List<CatalogTrack> around(List<CatalogTrack> tracks, long seed) {
        Random rnd = new Random(seed);
        List<String> artists = tracks.stream().map(CatalogTrack::artist).distinct().sorted().toList();
        Set<String> present = new HashSet<>();
        for (CatalogTrack t : tracks) present.add(key(t.artist(), t.title(), t.version()));
        Map<String, CatalogTrack> songs = new LinkedHashMap<>();
        for (CatalogTrack t : tracks) songs.putIfAbsent(key(t.artist(), t.title(), null), t);
        List<CatalogTrack> out = new ArrayList<>(tracks);
        for (CatalogTrack song : songs.values()) {
            String remixer = otherThan(artists, song.artist(), rnd);
            // an extended mix is the original recording: a near-miss only of a remix
            List<String> versions = song.version() == null ? List.of(remixer + " Remix", "Radio Edit", "Edit", "Club Mix")
                    : java.util.Arrays.asList(null, "Extended Mix", "Radio Edit", "Edit");
            for (String v : versions) {
                if (present.add(key(song.artist(), song.title(), v))) out.add(copy(song, song.artist(), v, "v|" + v));
            }
            String other = otherThan(artists, song.artist(), rnd);
            if (present.add(key(other, song.title(), song.version()))) out.add(copy(song, other, song.version(), "a|" + other));
        }
        return out;
    }

    /** An artist sharing no name with {@code not}: "W&W & Hardwell" is no other artist than "Hardwell". */
    private static String otherThan(List<String> artists, String not, Random rnd) {
        Set<String> words = new HashSet<>(java.util.Arrays.asList(TextNormalizer.normalize(not).split(" ")));
        List<String> others = artists.stream()
                .filter(a -> java.util.Arrays.stream(TextNormalizer.normalize(a).split(" ")).noneMatch(words::contains)).toList();
        return others.isEmpty() ? "Another Artist" : others.get(rnd.nextInt(others.size()));
    }

    private static CatalogTrack copy(CatalogTrack t, String artist, String version, String salt) {
        String seed = t.artist() + '|' + t.fullTitle() + '|' + salt;
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("spotify", base62(seed, 22));
        ids.put("beatport", String.valueOf(90_000_000L + Math.floorMod(digest(seed + "|bp").hashCode(), 9_000_000)));
        Integer duration = t.durationMs() == null ? null : t.durationMs() + (version == null ? 0 : version.contains("Radio") ? -60_000 : 30_000);
        return new CatalogTrack(artist, t.title(), version, duration, t.bpm(), t.key(), t.mode(), t.genres(), t.label(),
                t.releaseDate(), null, ids, t.energy(), t.danceability(), t.valence());
    }

    private static String key(String artist, String title, String version) {
        return TextNormalizer.normalize(artist) + '|' + TextNormalizer.normalize(title) + '|' + TextNormalizer.normalize(version);
    }

    private static String base62(String seed, int n) {
        byte[] d = digest(seed).getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append(BASE62.charAt(Math.floorMod(d[i % d.length] * 31 + i * 7 + d[(i * 3) % d.length], 62)));
        return sb.toString();
    }

    private static String digest(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
