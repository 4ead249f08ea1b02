package io.songnodes.jobs.bronzetosilver;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.PendingSilver;
import io.songnodes.flink.jdbc.IsolatingJdbcSink;
import io.songnodes.flink.jdbc.RowStatement;
import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.jobs.bronzetosilver.enrich.Settled;
import io.songnodes.jobs.bronzetosilver.enrich.SilverEvents;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * The bronze and silver sinks. A settled record's silver rows (track, bronze link, playlist, playlist track)
 * commit in one transaction, and only then is its silver event published, so silver-to-gold never reads a row
 * older than the event. A row PostgreSQL refuses for its data goes to the DLQ as {@code error_type=sink}.
 */
public record SilverSinks(Sink<BronzeMessage> bronze, Sink<Settled> silver) {
    static final String JOB = "bronze-to-silver";

    public static SilverSinks jdbc(BronzeToSilverOptions o) {
        String queue = o.bronzeQueue();
        String dlq = o.deadLetterQueue();
        String exchange = o.eventsExchange();
        IsolatingJdbcSink<BronzeMessage> bronze = new IsolatingJdbcSink<>(o.jdbcUrl(),
                List.of(RowStatement.always("bronze.raw_tracks", SilverStatements.BRONZE_UPSERT, BronzeMessage::bronzeKey, SilverStatements.BRONZE)),
                o.rabbit(), List.of(dlq), List.of(), (m, reason) -> deadLetter(m, reason, queue, dlq), null).withImmutableRows();
        IsolatingJdbcSink<Settled> silver = new IsolatingJdbcSink<>(o.jdbcUrl(), List.of(
                new RowStatement<>("silver.tracks", SilverStatements.ENRICHED_TRACK_UPSERT, Settled::hasTrack,
                        s -> s.track().trackId(), (ps, s) -> SilverStatements.TRACK.accept(ps, s.track())),
                // a coalesced play may commit before the play that is being enriched: it creates the pending row
                // (never touching enrichment), so the track its event announces always exists
                new RowStatement<>("silver.tracks", SilverStatements.PENDING_TRACK_UPSERT, s -> !s.hasTrack(),
                        s -> s.message().trackId(), (ps, s) -> SilverStatements.TRACK.accept(ps, PendingSilver.of(s.message()))),
                new RowStatement<>("silver.bronze_links", SilverStatements.LINK_UPSERT, s -> !s.reenrichment(),
                        s -> s.message().bronzeKey(), (ps, s) -> SilverStatements.LINK.accept(ps, s.message())),
                new RowStatement<>("silver.playlists", SilverStatements.PLAYLIST_UPSERT, SilverSinks::inPlaylist,
                        s -> SilverStatements.playlistId(s.message()), (ps, s) -> SilverStatements.PLAYLIST.accept(ps, s.message())),
                new RowStatement<>("silver.playlist_tracks", SilverStatements.PLAYLIST_TRACK_UPSERT, SilverSinks::inPlaylist,
                        s -> SilverStatements.playlistId(s.message()) + '\n' + s.message().bronzeKey(),
                        (ps, s) -> SilverStatements.PLAYLIST_TRACK.accept(ps, s.message()))),
                o.rabbit(), List.of(dlq), List.of(exchange), (s, reason) -> deadLetter(s.message(), reason, queue, dlq),
                s -> List.of(SilverEvents.of(exchange, s, Instant.now()))).withImmutableRows();
        return new SilverSinks(bronze, silver);
    }

    private static boolean inPlaylist(Settled s) {
        return !s.reenrichment() && s.message().record().playlist() != null;
    }

    /** The dead letter of a record whose row the database refused: the record as it arrived, with the SQLState. */
    static Outbound deadLetter(BronzeMessage m, String reason, String originalQueue, String dlq) {
        Instant now = Instant.now();
        DeadLetter d = DeadLetter.firstFailure(ErrorType.SINK, reason, null, null, JOB, 1, originalQueue, m.raw(), now);
        if (m.replayCount() > 0) {
            d = new DeadLetter(d.id(), ErrorType.SINK, reason, null, null, JOB, 1, m.replayCount(), now, now, originalQueue, m.raw());
        }
        return Outbound.toQueue(dlq, Json.write(d), d.amqpHeaders(m.record().source()), d.id());
    }
}
