package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/** Provider ids a scraper already knew; the waterfall uses them for exact lookups. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Hints(
        @JsonProperty("spotify_id") String spotifyId,
        @JsonProperty("isrc") String isrc,
        @JsonProperty("beatport_id") String beatportId,
        @JsonProperty("musicbrainz_id") String musicbrainzId) implements Serializable {
    public static final Hints EMPTY = new Hints(null, null, null, null);
}
