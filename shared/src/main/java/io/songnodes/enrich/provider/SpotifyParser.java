package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Spotify Web API bodies (track object, search page, audio features) into candidates. */
public final class SpotifyParser {
    private SpotifyParser() {}

    /** What {@code /v1/audio-features} adds to a track; {@code key -1} (none detected) is already null here. */
    public record Features(String id, Double tempo, Integer key, Integer mode, Double energy, Double danceability, Double valence) {}

    /**
     * A track object. With track relinking the body's {@code id} differs from the one asked for and
     * {@code linked_from.id} holds the requested one: the candidate keeps the id we asked for (or, for a
     * search hit, the {@code linked_from} id), so ids stay stable across markets.
     */
    public static Candidate track(JsonNode t, String requestedId) {
        String linkedFrom = Fields.text(t.path("linked_from"), "id");
        String id = requestedId != null ? requestedId : linkedFrom != null ? linkedFrom : Fields.text(t, "id");
        List<String> artists = Fields.texts(t.path("artists"), "name");
        String title = Fields.text(t, "name");
        String isrc = Fields.text(t.path("external_ids"), "isrc");
        return new Candidate(ProviderName.SPOTIFY.id(), id, String.join(", ", artists), artists, title,
                Fields.versionFromTitle(title), Fields.ids("spotify", id, "isrc", isrc),
                null, null, null, null, null, null, null, List.of(), null,
                Fields.text(t.path("album"), "release_date"), Fields.positiveInt(t, "duration_ms"));
    }

    /** A {@code /v1/search?type=track} page; an empty page is an empty list. */
    public static List<Candidate> search(JsonNode body) {
        List<Candidate> out = new ArrayList<>();
        for (JsonNode item : body.path("tracks").path("items")) if (item.isObject()) out.add(track(item, null));
        return out;
    }

    /** One audio-features object, or null for a JSON null (unknown id in a batch). */
    public static Features features(JsonNode f) {
        if (f == null || !f.isObject()) return null;
        Double key = Fields.number(f, "key");
        Double mode = Fields.number(f, "mode");
        boolean keyKnown = key != null && key >= 0 && key <= 11;
        return new Features(Fields.text(f, "id"), Fields.positive(f, "tempo"),
                keyKnown ? key.intValue() : null, keyKnown && mode != null ? mode.intValue() : null,
                Fields.number(f, "energy"), Fields.number(f, "danceability"), Fields.number(f, "valence"));
    }

    /** The batch form {@code {"audio_features":[...]}} by id. */
    public static Map<String, Features> featuresBatch(JsonNode body) {
        Map<String, Features> out = new LinkedHashMap<>();
        for (JsonNode f : body.path("audio_features")) {
            Features x = features(f);
            if (x != null && x.id() != null) out.put(x.id(), x);
        }
        return out;
    }

    public static Candidate withFeatures(Candidate c, Features f) {
        if (f == null) return c;
        return new Candidate(c.provider(), c.recordId(), c.artist(), c.artists(), c.title(), c.version(), c.ids(),
                f.tempo(), f.key(), f.mode(), null, f.energy(), f.danceability(), f.valence(), c.genres(), c.label(),
                c.releaseDate(), c.durationMs());
    }
}
