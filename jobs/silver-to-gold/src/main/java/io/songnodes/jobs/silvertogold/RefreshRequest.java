package io.songnodes.jobs.silvertogold;

import io.songnodes.model.SilverEvent;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * A unit of gold work: recompute everything, or the rows affected by one silver event. Playlist ids
 * are an array because Flink's serializer handles arrays natively but not {@code List.of} lists.
 * {@code payload} is the event as it arrived, for the dead letter should its refresh be refused.
 */
public record RefreshRequest(boolean all, String trackId, String[] playlistIds, Instant changedAt, String payload) implements Serializable {

    public static RefreshRequest everything() { return new RefreshRequest(true, null, new String[0], null, null); }

    public static RefreshRequest of(SilverEvent e) {
        return new RefreshRequest(false, e.trackId(), e.playlistIds().toArray(String[]::new), e.changedAt(), null);
    }

    public List<String> trackIds() { return trackId == null ? List.of() : List.of(trackId); }

    public List<String> playlists() { return List.of(playlistIds); }

    /** Routing key: events of one track go to one subtask, so they are applied in order. */
    public String routingKey() {
        return trackId != null ? trackId : playlistIds.length == 0 ? "*" : playlistIds[0];
    }
}
