package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.json.Json;
import io.songnodes.model.SilverEvent;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;

/** Turns a settled track into the small event the gold job follows incrementally. */
public final class SilverEvents implements MapFunction<Settled, Outbound> {
    private final String exchange;

    public SilverEvents(String exchange) { this.exchange = exchange; }

    @Override
    public Outbound map(Settled s) {
        List<String> playlists = s.message().record().playlist() == null ? List.of() : List.of(SilverStatements.playlistId(s.message()));
        SilverEvent e = new SilverEvent(s.track().trackId(), playlists, Instant.now());
        String id = e.trackId() + '@' + e.changedAt().toEpochMilli();
        return new Outbound(exchange, "", Json.write(e), null, id, id);
    }
}
