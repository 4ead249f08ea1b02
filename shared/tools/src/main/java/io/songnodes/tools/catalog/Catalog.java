package io.songnodes.tools.catalog;

import io.songnodes.identity.TextNormalizer;
import io.songnodes.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The simulator's track catalog: JSONL in, lookups by provider id and ISRC, and fuzzy searches out. */
public final class Catalog {
    private final List<CatalogTrack> tracks;
    // searched on every simulated request: normalising every track's words per search made the simulator, not
    // the client under test, the bottleneck of a benchmark, so words and ids are indexed once
    private final List<Words> words;
    private final Map<String, Map<String, CatalogTrack>> ids = new HashMap<>();
    private final Map<String, List<CatalogTrack>> isrcs = new HashMap<>();

    private record Words(Set<String> title, Set<String> artist, Set<String> full) {}

    public Catalog(List<CatalogTrack> tracks) {
        this.tracks = List.copyOf(tracks);
        List<Words> w = new ArrayList<>(this.tracks.size());
        for (CatalogTrack t : this.tracks) {
            w.add(new Words(words(t.title()), words(t.artist()), words(t.fullTitle())));
            if (t.ids() != null) {
                t.ids().forEach((provider, id) -> {
                    if (id != null) ids.computeIfAbsent(provider, k -> new HashMap<>()).putIfAbsent(id.toLowerCase(Locale.ROOT), t);
                });
            }
            if (t.isrc() != null) isrcs.computeIfAbsent(t.isrc().toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(t);
        }
        this.words = w;
    }

    /** Reads a JSONL catalog; a bad line fails with its line number, a line without artist or title too. */
    /**
     * {@code n} distinct made-up songs (seeded, so every run gets the same ones) with every field and an id at every
     * provider, for benchmarks that need more distinct tracks than the kit holds. Artist and title are pseudo-words,
     * so no two songs are near-duplicates for the scorer.
     */
    public static Catalog synthetic(int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<CatalogTrack> out = new java.util.ArrayList<>(n);
        String[] genres = {"trance", "techno", "house", "progressive house", "drum and bass", "deep house"};
        while (out.size() < n) {
            String artist = word(r) + " " + word(r);
            String title = word(r) + " " + word(r);
            if (!seen.add(artist + "|" + title)) continue;
            int i = out.size();
            String spotify = String.format(java.util.Locale.ROOT, "syn%019d", i);
            java.util.Map<String, String> ids = new java.util.LinkedHashMap<>();
            ids.put("spotify", spotify);
            ids.put("beatport", String.valueOf(40_000_000 + i));
            ids.put("deezer", String.valueOf(4_000_000_000L + i));
            ids.put("musicbrainz", String.format(java.util.Locale.ROOT, "00000000-0000-4000-8000-%012d", i));
            ids.put("discogs", String.valueOf(40_000_000 + i));
            String genre = genres[r.nextInt(genres.length)];
            out.add(new CatalogTrack(artist, title, i % 3 == 0 ? "Extended Mix" : null, 180_000 + r.nextInt(240_000),
                    (double) (118 + r.nextInt(60)), r.nextInt(12), r.nextInt(2), List.of(genre, genre + " classics"),
                    word(r) + " Records", String.format(java.util.Locale.ROOT, "20%02d-%02d-%02d", 10 + r.nextInt(15), 1 + r.nextInt(12), 1 + r.nextInt(28)),
                    String.format(java.util.Locale.ROOT, "XXSYN%07d", i), ids, r.nextDouble(), r.nextDouble(), r.nextDouble()));
        }
        return new Catalog(out);
    }

    private static String word(java.util.Random r) {
        String consonants = "bcdfghklmnprstvz", vowels = "aeiou";
        StringBuilder w = new StringBuilder();
        int syllables = 2 + r.nextInt(2);
        for (int i = 0; i < syllables; i++) {
            w.append(consonants.charAt(r.nextInt(consonants.length()))).append(vowels.charAt(r.nextInt(vowels.length())));
        }
        if (r.nextBoolean()) w.append(consonants.charAt(r.nextInt(consonants.length())));
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    public static Catalog load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read catalog " + file, e);
        }
        List<CatalogTrack> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            CatalogTrack t;
            try {
                t = Json.read(line, CatalogTrack.class);
            } catch (IOException e) {
                throw new IllegalArgumentException("catalog " + file + " line " + (i + 1) + ": not a JSON track: " + e.getMessage(), e);
            }
            if (t.artist() == null || t.artist().isBlank() || t.title() == null || t.title().isBlank())
                throw new IllegalArgumentException("catalog " + file + " line " + (i + 1) + ": 'artist' and 'title' are required");
            out.add(t);
        }
        return new Catalog(out);
    }

    /** Writes one JSON track per line. */
    public static void write(List<CatalogTrack> tracks, Path file) {
        StringBuilder sb = new StringBuilder();
        for (CatalogTrack t : tracks) sb.append(Json.write(t)).append('\n');
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            Files.writeString(file, sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write catalog " + file, e);
        }
    }

    public List<CatalogTrack> tracks() { return tracks; }

    public Optional<CatalogTrack> byId(String provider, String id) {
        if (id == null) return Optional.empty();
        return Optional.ofNullable(ids.getOrDefault(provider, Map.of()).get(id.toLowerCase(Locale.ROOT)));
    }

    /** Tracks of {@code provider} carrying this ISRC (one ISRC may sit on several releases). */
    public List<CatalogTrack> byIsrc(String provider, String isrc) {
        if (isrc == null) return List.of();
        return isrcs.getOrDefault(isrc.toUpperCase(Locale.ROOT), List.of()).stream().filter(t -> t.has(provider)).toList();
    }

    /** One search hit and how well it matched, in [0,1]. */
    public record Hit(CatalogTrack track, double score) {}

    /**
     * Tracks of {@code provider} matching the query, best first. A hit matches on the base title (the version
     * in brackets stripped), so every version of the song the catalog holds is listed; the exact version
     * ranks first. With {@code fuzzy} (free-text searches) other songs of the same artists follow, as real
     * search engines pad their lists.
     */
    public List<Hit> search(String provider, String artist, String title, boolean fuzzy) {
        Set<String> qTitle = words(baseTitle(title));
        Set<String> qFull = words(title);
        Set<String> qArtist = words(artist);
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            CatalogTrack t = tracks.get(i);
            if (!t.has(provider)) continue;
            Words w = words.get(i);
            double titleSim = qTitle.isEmpty() ? 0 : containment(qTitle, w.title());
            double artistSim = qArtist.isEmpty() ? 0 : containment(qArtist, w.artist());
            double versionBonus = qFull.isEmpty() ? 0 : 0.1 * jaccard(qFull, w.full());
            double score;
            if (!qTitle.isEmpty() && titleSim >= 0.6 && (qArtist.isEmpty() || artistSim > 0 || fuzzy)) {
                score = qArtist.isEmpty() ? 0.8 * titleSim + versionBonus : 0.55 * titleSim + 0.35 * artistSim + versionBonus;
            } else if (fuzzy && !qArtist.isEmpty() && artistSim >= 0.5) {
                score = 0.2 * artistSim;
            } else if (qTitle.isEmpty() && !qArtist.isEmpty() && artistSim >= 0.99) {
                score = 0.5;
            } else {
                continue;
            }
            hits.add(new Hit(t, Math.min(1.0, score)));
        }
        hits.sort(Comparator.comparingDouble(Hit::score).reversed());
        return hits;
    }

    /** The title without a trailing bracketed version, e.g. {@code Only Road (Cosmic Gate Remix)} to {@code Only Road}. */
    public static String baseTitle(String title) {
        if (title == null) return "";
        String t = title.replaceAll("\\s*[\\[(][^\\])]*[\\])]\\s*$", "");
        int dash = t.lastIndexOf(" - ");
        if (dash > 0 && CatalogBuilder.isVersion(t.substring(dash + 3))) t = t.substring(0, dash);
        return t.isBlank() ? title : t;
    }

    /** The words a search matches against: normalised, lower case, split at anything but letters and digits. */
    public static Set<String> words(String s) {
        if (s == null || s.isBlank()) return Set.of();
        String n = TextNormalizer.normalize(s).toLowerCase(Locale.ROOT);
        Set<String> out = new LinkedHashSet<>(Arrays.asList(n.split("[^\\p{L}\\p{N}]+")));
        out.remove("");
        return out;
    }

    private static double containment(Set<String> query, Set<String> target) {
        if (query.isEmpty() || target.isEmpty()) return 0;
        int hit = 0;
        for (String w : query) if (target.contains(w)) hit++;
        // penalise targets much longer than the query ("Love" must not fully match "Love Is Gone Tonight")
        double recall = (double) hit / query.size();
        double precision = (double) hit / target.size();
        return 0.75 * recall + 0.25 * precision;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> inter = new HashSet<>(a);
        inter.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return union.isEmpty() ? 0 : (double) inter.size() / union.size();
    }
}
