package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.json.Json;
import io.songnodes.model.SilverEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The small event the gold job follows incrementally, for every settled record: an enriched track, and also a
 * coalesced play, whose new playlist row gold must see. The silver sink publishes it after the commit.
 */
public final class SilverEvents {
    private SilverEvents() {}

    public static Outbound of(String exchange, Settled s, Instant now) {
        List<String> playlists = s.reenrichment() || s.message().record().playlist() == null
                ? List.of() : List.of(SilverStatements.playlistId(s.message()));
        String trackId = s.hasTrack() ? s.track().trackId() : s.message().trackId();
        SilverEvent e = new SilverEvent(trackId, playlists, now);
        // one id per record and commit: two plays of one track in one millisecond are two events, not a duplicate
        String id = UUID.nameUUIDFromBytes((trackId + '\n' + s.message().bronzeKey() + '\n' + now.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new Outbound(exchange, "", Json.write(e), null, id, id);
    }
}
