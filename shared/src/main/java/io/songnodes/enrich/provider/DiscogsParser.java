package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Discogs bodies (database search, release) into candidates. Discogs describes releases, not recordings:
 * a search hit becomes one candidate titled with the release title (for a single, the track), a release
 * lookup one candidate per track. Genres are the release's genres followed by its styles.
 */
public final class DiscogsParser {
    // Discogs numbers homonyms: "Global Underground (3)", "Uruk-Hai (2)"
    private static final Pattern HOMONYM = Pattern.compile("\\s+\\(\\d+\\)$");
    // and sorts articles to the end: "Persuader, The"
    private static final Pattern TRAILING_ARTICLE = Pattern.compile("^(.+), (The|A|An)$");

    private DiscogsParser() {}

    /** {@code /database/search}: release results only (masters and artists share the id space no more than the name). */
    public static List<Candidate> search(JsonNode body) {
        List<Candidate> out = new ArrayList<>();
        for (JsonNode r : body.path("results")) {
            if (!"release".equals(Fields.text(r, "type"))) continue;
            String id = Fields.text(r, "id");
            String full = Fields.text(r, "title");
            String artist = null, title = full;
            int dash = full == null ? -1 : full.indexOf(" - ");
            if (dash > 0) {
                artist = name(full.substring(0, dash));
                title = full.substring(dash + 3).trim();
            }
            List<String> labels = Fields.texts(r.path("label"), null);
            out.add(new Candidate(ProviderName.DISCOGS.id(), id, artist, artist == null ? List.of() : List.of(artist), title,
                    Fields.versionFromTitle(title), Fields.ids("discogs", id), null, null, null, null, null, null, null,
                    genres(r.path("genre"), r.path("style")), labels.isEmpty() ? null : name(labels.get(0)),
                    Fields.text(r, "year"), null));
        }
        return out;
    }

    /** {@code /releases/{id}}: one candidate per playable track (headings and index entries skipped). */
    public static List<Candidate> release(JsonNode r) {
        String id = Fields.text(r, "id");
        List<String> releaseArtists = artists(r.path("artists"));
        String releaseArtist = credit(r.path("artists"));
        String label = null;
        for (JsonNode l : r.path("labels")) { label = name(Fields.text(l, "name")); if (label != null) break; }
        List<String> genres = genres(r.path("genres"), r.path("styles"));
        String date = releaseDate(Fields.text(r, "released"), Fields.positiveInt(r, "year"));
        List<Candidate> out = new ArrayList<>();
        for (JsonNode t : r.path("tracklist")) {
            String type = Fields.text(t, "type_");
            if (type != null && !type.equals("track")) continue;
            boolean own = t.path("artists").isArray() && !t.path("artists").isEmpty();
            String title = Fields.text(t, "title");
            out.add(new Candidate(ProviderName.DISCOGS.id(), id, own ? credit(t.path("artists")) : releaseArtist,
                    own ? artists(t.path("artists")) : releaseArtists, title, Fields.versionFromTitle(title),
                    Fields.ids("discogs", id), null, null, null, null, null, null, null, genres, label, date,
                    Fields.clockMs(Fields.text(t, "duration"))));
        }
        return out;
    }

    /** "1999-03-00" (day unknown) to "1999-03"; "0"/missing years to null. */
    static String releaseDate(String released, Integer year) {
        String d = released;
        if (d != null) {
            while (d.endsWith("-00")) d = d.substring(0, d.length() - 3);
            if (d.equals("0") || d.startsWith("0000")) d = null;
        }
        return d != null ? d : year == null || year <= 0 ? null : String.valueOf(year);
    }

    /** A display name without Discogs' homonym number and with a trailing article put back in front. */
    static String name(String raw) {
        if (raw == null) return null;
        String s = HOMONYM.matcher(raw.trim()).replaceAll("");
        var m = TRAILING_ARTICLE.matcher(s);
        return m.matches() ? m.group(2) + " " + m.group(1) : s;
    }

    private static List<String> artists(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode a : arr) { String n = name(Fields.text(a, "name")); if (n != null) out.add(n); }
        return out;
    }

    /** Names joined with Discogs' own join words ("&", ",", "Vs."). */
    private static String credit(JsonNode arr) {
        StringBuilder sb = new StringBuilder();
        int i = 0, n = arr.size();
        for (JsonNode a : arr) {
            sb.append(name(Fields.text(a, "name")));
            String join = Fields.text(a, "join");
            if (++i < n) sb.append(join == null ? ", " : join.equals(",") ? ", " : " " + join + " ");
        }
        String s = sb.toString().trim();
        return s.isEmpty() ? null : s;
    }

    private static List<String> genres(JsonNode genres, JsonNode styles) {
        LinkedHashSet<String> s = new LinkedHashSet<>(Fields.texts(genres, null));
        s.addAll(Fields.texts(styles, null));
        return List.copyOf(s);
    }
}
