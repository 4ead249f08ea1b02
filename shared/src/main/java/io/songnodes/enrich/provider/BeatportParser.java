package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.List;

/**
 * Beatport v4 catalog track objects into candidates: the richest DJ source (bpm, key with its Camelot
 * position, genre and sub-genre, label, mix name). The key's pitch class comes from its letter and
 * sharp/flat flags, the mode from its chord type, and {@code keyName} keeps Beatport's spelling.
 */
public final class BeatportParser {
    private BeatportParser() {}

    public static Candidate track(JsonNode t) {
        String id = Fields.text(t, "id");
        List<String> artists = Fields.texts(t.path("artists"), "name");
        JsonNode key = t.path("key");
        Integer pitch = null, mode = null;
        String keyName = Fields.text(key, "name");
        if (key.isObject()) {
            pitch = Fields.pitchClass(Fields.text(key, "letter"), key.path("is_sharp").asBoolean(false), key.path("is_flat").asBoolean(false));
            String chord = Fields.text(key.path("chord_type"), "name");
            if (chord == null) chord = keyName;
            if (chord != null) mode = chord.toLowerCase(java.util.Locale.ROOT).contains("minor") ? 0 : 1;
            if (pitch == null) {
                int[] parsed = Fields.parseKeyName(keyName);
                if (parsed != null) { pitch = parsed[0]; mode = parsed[1]; }
            }
        }
        List<String> genres = new ArrayList<>();
        String genre = Fields.text(t.path("genre"), "name");
        String sub = Fields.text(t.path("sub_genre"), "name");
        if (genre != null) genres.add(genre);
        if (sub != null && !sub.equals(genre)) genres.add(sub);
        String label = Fields.text(t.path("release").path("label"), "name");
        if (label == null) label = Fields.text(t.path("label"), "name");
        String date = Fields.text(t, "new_release_date");
        if (date == null) date = Fields.text(t, "publish_date");
        Integer length = Fields.positiveInt(t, "length_ms");
        if (length == null) length = Fields.clockMs(Fields.text(t, "length"));
        return new Candidate(ProviderName.BEATPORT.id(), id, String.join(", ", artists), artists, Fields.text(t, "name"),
                Fields.text(t, "mix_name"), Fields.ids("beatport", id, "isrc", Fields.text(t, "isrc")),
                Fields.positive(t, "bpm"), pitch, pitch == null ? null : mode, keyName, null, null, null, List.copyOf(genres),
                label, date, length);
    }

    /**
     * A list answer: {@code /v4/catalog/tracks/?...} pages as {@code {"results":[...]}}; the search endpoint
     * (no recorded body in the kit) answers {@code {"tracks":[...]}} or, in some versions, a page under "tracks".
     */
    public static List<Candidate> list(JsonNode body) {
        JsonNode items = body.path("results");
        if (!items.isArray()) {
            JsonNode tracks = body.path("tracks");
            items = tracks.isArray() ? tracks : tracks.path("results").isArray() ? tracks.path("results") : tracks.path("data");
        }
        List<Candidate> out = new ArrayList<>();
        for (JsonNode t : items) if (t.isObject()) out.add(track(t));
        return out;
    }
}
