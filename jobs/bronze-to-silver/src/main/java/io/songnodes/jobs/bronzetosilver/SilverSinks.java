package io.songnodes.jobs.bronzetosilver;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.flink.jdbc.JdbcSinks;
import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.model.SilverTrack;
import org.apache.flink.api.connector.sink2.Sink;

/** The bronze and silver sinks the job writes to; tests and the demo pass the same JDBC ones. */
public record SilverSinks(
        Sink<BronzeMessage> bronze,
        Sink<SilverTrack> tracks,
        Sink<BronzeMessage> playlists,
        Sink<BronzeMessage> playlistTracks,
        Sink<BronzeMessage> links) {

    public static SilverSinks jdbc(String jdbcUrl) {
        return new SilverSinks(
                JdbcSinks.upsert(jdbcUrl, SilverStatements.BRONZE_UPSERT, SilverStatements.BRONZE),
                JdbcSinks.upsert(jdbcUrl, SilverStatements.ENRICHED_TRACK_UPSERT, SilverStatements.TRACK),
                JdbcSinks.upsert(jdbcUrl, SilverStatements.PLAYLIST_UPSERT, SilverStatements.PLAYLIST),
                JdbcSinks.upsert(jdbcUrl, SilverStatements.PLAYLIST_TRACK_UPSERT, SilverStatements.PLAYLIST_TRACK),
                JdbcSinks.upsert(jdbcUrl, SilverStatements.LINK_UPSERT, SilverStatements.LINK));
    }
}
