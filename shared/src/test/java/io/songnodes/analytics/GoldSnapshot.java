package io.songnodes.analytics;

import io.songnodes.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every gold table of a database as text rows in key order, for row-for-row comparison. */
public final class GoldSnapshot {
    public static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("gold.track_transitions", "from_track_id, to_track_id");
        TABLES.put("gold.track_analytics", "track_id");
        TABLES.put("gold.playlist_analytics", "playlist_id");
        TABLES.put("gold.artist_analytics", "artist");
        TABLES.put("gold.artist_credits", "artist, kind, ref_id");
        TABLES.put("gold.harmonic_recommendations", "track_id, rank");
        TABLES.put("gold.layer_stats", "layer, table_name");
    }

    private GoldSnapshot() {}

    public static Map<String, List<String>> of(TestDatabase db) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Map.Entry<String, String> t : TABLES.entrySet()) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + t.getKey() + " ORDER BY " + t.getValue())) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder b = new StringBuilder();
                        for (int i = 1; i <= md.getColumnCount(); i++) b.append(i > 1 ? " | " : "").append(rs.getString(i));
                        rows.add(b.toString());
                    }
                }
                out.put(t.getKey(), rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
