package io.songnodes.enrich.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import java.util.ArrayList;
import java.util.List;

/**
 * Last.fm JSON into candidates and tags. Last.fm's JSON is converted from XML: counts may be strings,
 * a one-element list may be an object, and an empty tag list may come as {@code {"#text":"\n"}}.
 */
public final class LastfmParser {
    private LastfmParser() {}

    /** {@code track.getInfo}: the track with its top tags as genres; null when the body has no track. */
    public static Candidate trackInfo(JsonNode body) {
        JsonNode t = body.path("track");
        if (!t.isObject()) return null;
        return candidate(t, Fields.positiveInt(t, "duration"), topTagNames(t.path("toptags")));
    }

    /** {@code track.getTopTags} / {@code artist.getTopTags}: tag names, best first; empty for the "#text" quirk. */
    public static List<String> topTags(JsonNode body) { return topTagNames(body.path("toptags")); }

    /** {@code track.getSimilar}: similar tracks (duration there is in seconds). */
    public static List<Candidate> similar(JsonNode body) {
        List<Candidate> out = new ArrayList<>();
        for (JsonNode t : list(body.path("similartracks").path("track"))) {
            Integer s = Fields.positiveInt(t, "duration");
            out.add(candidate(t, s == null ? null : s * 1000, List.of()));
        }
        return out;
    }

    /** {@code artist.getTopTracks}: the artist's most played tracks. */
    public static List<Candidate> topTracks(JsonNode body) {
        List<Candidate> out = new ArrayList<>();
        for (JsonNode t : list(body.path("toptracks").path("track"))) out.add(candidate(t, null, List.of()));
        return out;
    }

    private static Candidate candidate(JsonNode t, Integer durationMs, List<String> genres) {
        String url = Fields.text(t, "url");
        String mbid = Fields.text(t, "mbid");
        JsonNode a = t.path("artist");
        String artist = a.isTextual() ? Fields.text(t, "artist") : Fields.text(a, "name") != null ? Fields.text(a, "name") : Fields.text(a, "#text");
        String title = Fields.text(t, "name");
        // Last.fm has no numeric track id: its track page URL is the stable record id
        return new Candidate(ProviderName.LASTFM.id(), url, artist, artist == null ? List.of() : List.of(artist), title,
                Fields.versionFromTitle(title), Fields.ids("lastfm", url, "musicbrainz", mbid),
                null, null, null, null, null, null, null, genres, null, null, durationMs);
    }

    private static List<String> topTagNames(JsonNode toptags) { return Fields.texts(list(toptags.path("tag")), "name"); }

    /** A JSON array as is, a lone object as a one-element array, anything else as empty. */
    private static JsonNode list(JsonNode n) {
        if (n.isArray()) return n;
        if (n.isObject()) return io.songnodes.json.Json.MAPPER.createArrayNode().add(n);
        return io.songnodes.json.Json.MAPPER.createArrayNode();
    }
}
