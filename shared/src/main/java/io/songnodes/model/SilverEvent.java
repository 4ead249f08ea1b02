package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Published by bronze-to-silver on the fanout exchange {@code songnodes.silver.events} after a silver
 * commit: the track that changed and the playlists whose rows changed with it.
 * JSON: {@code {"track_id": "...", "playlist_ids": ["..."], "changed_at": "ISO-8601"}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SilverEvent(
        @JsonProperty("track_id") String trackId,
        @JsonProperty("playlist_ids") List<String> playlistIds,
        @JsonProperty("changed_at") Instant changedAt) implements Serializable {

    public static final String EXCHANGE = "songnodes.silver.events";

    public SilverEvent {
        playlistIds = playlistIds == null ? List.of() : List.copyOf(playlistIds);
        if ((trackId == null || trackId.isBlank()) && playlistIds.isEmpty()) {
            throw new IllegalArgumentException("silver event needs 'track_id' or 'playlist_ids'");
        }
        if (changedAt == null) throw new IllegalArgumentException("silver event needs 'changed_at'");
    }
}
