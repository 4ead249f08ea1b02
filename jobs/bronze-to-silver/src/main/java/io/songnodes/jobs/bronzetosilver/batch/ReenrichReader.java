package io.songnodes.jobs.bronzetosilver.batch;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.identity.TrackIdentity;
import io.songnodes.json.Json;
import io.songnodes.jobs.bronzetosilver.enrich.Reenrichment;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.Hints;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the silver rows a re-enrichment selected and turns each into a message for the same enrichment
 * operators the stream uses. The stored ids become hints, so providers are asked by id, not by search.
 */
public final class ReenrichReader extends RichFlatMapFunction<String, BronzeMessage> {
    private final String jdbcUrl;
    private final ReenrichSelection selection;
    private final String waterfallFile;

    public ReenrichReader(String jdbcUrl, ReenrichSelection selection, String waterfallFile) {
        this.jdbcUrl = jdbcUrl;
        this.selection = selection;
        this.waterfallFile = waterfallFile;
    }

    @Override
    public void flatMap(String trigger, Collector<BronzeMessage> out) throws Exception {
        WaterfallConfig config = waterfallFile == null ? WaterfallConfig.defaults() : WaterfallConfig.load(Path.of(waterfallFile));
        ReenrichSelection.Query q = selection.sql(config);
        Instant now = Instant.now();
        try (Connection c = DriverManager.getConnection(jdbcUrl); PreparedStatement ps = c.prepareStatement(q.sql())) {
            for (int i = 0; i < q.params().size(); i++) {
                Object p = q.params().get(i);
                if (p instanceof String[] values) {
                    Array a = c.createArrayOf("text", values);
                    ps.setArray(i + 1, a);
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.collect(message(rs, now));
            }
        }
    }

    static BronzeMessage message(ResultSet rs, Instant now) throws java.sql.SQLException {
        String trackId = rs.getString("track_id");
        BronzeRecord r = new BronzeRecord(Reenrichment.SOURCE, "silver:" + trackId, trackId, rs.getString("artist"), rs.getString("title"),
                null, new Hints(rs.getString("spotify_id"), rs.getString("isrc"), rs.getString("beatport_id"), rs.getString("musicbrainz_id")),
                now, "reenrichment");
        TrackIdentity identity = TrackIdentity.parse(r.artist(), r.title());
        return new BronzeMessage(r, Json.write(r), Reenrichment.SOURCE + '|' + trackId, trackId, identity, false, 0, null, true);
    }
}
