package io.songnodes.tools.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One catalog line (docs/contracts.md §6). {@code ids} maps a provider name to its id; a provider only answers for
 * tracks that carry an id of its own. {@code energy}, {@code danceability} and {@code valence} are optional
 * extras that feed Spotify audio-features when the catalog knows them.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record CatalogTrack(
        @JsonProperty("artist") String artist,
        @JsonProperty("title") String title,
        @JsonProperty("version") String version,
        @JsonProperty("duration_ms") Integer durationMs,
        @JsonProperty("bpm") Double bpm,
        @JsonProperty("key") Integer key,
        @JsonProperty("mode") Integer mode,
        @JsonProperty("genres") List<String> genres,
        @JsonProperty("label") String label,
        @JsonProperty("release_date") String releaseDate,
        @JsonProperty("isrc") String isrc,
        @JsonProperty("ids") Map<String, String> ids,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("energy") Double energy,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("danceability") Double danceability,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("valence") Double valence) {

    /** The provider ids every catalog line lists, in contract order (null when unknown). */
    public static final List<String> ID_KEYS = List.of("spotify", "beatport", "deezer", "musicbrainz", "discogs");

    public CatalogTrack {
        genres = genres == null ? List.of() : List.copyOf(genres);
        Map<String, String> copy = new LinkedHashMap<>();
        for (String k : ID_KEYS) copy.put(k, null);
        if (ids != null) ids.forEach((k, v) -> copy.put(k, v == null || v.isBlank() ? null : v));
        ids = java.util.Collections.unmodifiableMap(copy);
    }

    /** This track's id at {@code provider}, or null. */
    public String id(String provider) { return ids.get(provider); }

    public boolean has(String provider) { return id(provider) != null; }

    /** The title as most stores print it: {@code Title (Version)}. */
    @JsonIgnore
    public String fullTitle() { return version == null || version.isBlank() ? title : title + " (" + version + ")"; }
}
