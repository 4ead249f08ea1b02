package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.List;

/**
 * Deezer public API bodies into candidates. A full track ({@code /track/{id}}, {@code /track/isrc:{ISRC}})
 * has isrc, bpm and contributors; a search hit has neither isrc nor bpm. {@code bpm: 0} means unknown.
 * Durations are seconds.
 */
public final class DeezerParser {
    private DeezerParser() {}

    public static Candidate track(JsonNode t) {
        String id = Fields.text(t, "id");
        List<String> artists = Fields.texts(t.path("contributors"), "name");
        if (artists.isEmpty()) {
            String main = Fields.text(t.path("artist"), "name");
            if (main != null) artists = List.of(main);
        }
        Integer seconds = Fields.positiveInt(t, "duration");
        String title = Fields.text(t, "title");
        String version = Fields.versionLabel(Fields.text(t, "title_version"));
        if (version == null) version = Fields.versionFromTitle(title);
        return new Candidate(ProviderName.DEEZER.id(), id, String.join(", ", artists), artists, title, version,
                Fields.ids("deezer", id, "isrc", Fields.text(t, "isrc")), Fields.positive(t, "bpm"),
                null, null, null, null, null, null, List.of(), null, Fields.text(t, "release_date"),
                seconds == null ? null : seconds * 1000);
    }

    /** A {@code /search} or {@code /search/track} page. */
    public static List<Candidate> search(JsonNode body) {
        List<Candidate> out = new ArrayList<>();
        for (JsonNode t : body.path("data")) if (t.isObject() && !"album".equals(Fields.text(t, "type"))) out.add(track(t));
        return out;
    }
}
