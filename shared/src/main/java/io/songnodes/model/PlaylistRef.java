package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;

/** The DJ set a bronze track was played in, with its position; {@code w/} rows share a position. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlaylistRef(
        @JsonProperty("source_playlist_id") String sourcePlaylistId,
        @JsonProperty("name") String name,
        @JsonProperty("dj") String dj,
        @JsonProperty("event") String event,
        @JsonProperty("date") String date,
        @JsonProperty("position") Integer position,
        @JsonProperty("cue") String cue) implements Serializable {}
