package io.songnodes.analytics.jdbc;

import com.fasterxml.jackson.core.type.TypeReference;
import io.songnodes.analytics.GoldRow;
import io.songnodes.analytics.GoldScope;
import io.songnodes.analytics.GoldTable;
import io.songnodes.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/** Reads the keys an update must revisit from gold, and replaces gold rows by scope (delete, then COPY). */
final class GoldStore {
    private static final int COPY_CHUNK = 1 << 16;
    private final Connection c;

    GoldStore(Connection c) { this.c = c; }

    /** Tracks the sets held when gold last saw them, so that a track that left a set is revisited. */
    Set<String> formerMembers(Collection<String> playlistIds) throws SQLException {
        return query("SELECT DISTINCT unnest(track_ids) FROM gold.playlist_analytics WHERE playlist_id = ANY(?)", playlistIds);
    }

    Set<String> formerPredecessors(Collection<String> trackIds) throws SQLException {
        return query("SELECT DISTINCT from_track_id FROM gold.track_transitions WHERE to_track_id = ANY(?)", trackIds);
    }

    Set<String> formerRecommenders(Collection<String> trackIds) throws SQLException {
        return query("SELECT DISTINCT track_id FROM gold.harmonic_recommendations WHERE recommended_track_id = ANY(?)", trackIds);
    }

    /** The score at rank {@code n} of each track's current list; tracks with fewer than n recommendations are absent. */
    Map<String, Double> lastRecommendationScores(Collection<String> trackIds, int n) throws SQLException {
        Map<String, Double> out = new java.util.HashMap<>();
        if (trackIds.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT track_id, score FROM gold.harmonic_recommendations WHERE rank = ? AND track_id = ANY(?)")) {
            ps.setInt(1, n);
            ps.setArray(2, text(trackIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getDouble(2));
            }
        }
        return out;
    }

    Set<String> formerArtists(Collection<String> trackIds, Collection<String> playlistIds) throws SQLException {
        Set<String> out = query("SELECT artist FROM gold.artist_credits WHERE kind = 'track' AND ref_id = ANY(?)", trackIds);
        out.addAll(query("SELECT artist FROM gold.artist_credits WHERE kind = 'dj' AND ref_id = ANY(?)", playlistIds));
        return out;
    }

    /** Refs ({@code kind} {@code track} or {@code dj}) credited to {@code artists}. */
    Set<String> creditedRefs(Collection<String> artists, String kind) throws SQLException {
        if (artists.isEmpty()) return new java.util.LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ref_id FROM gold.artist_credits WHERE kind = ? AND artist = ANY(?)")) {
            ps.setString(1, kind);
            ps.setArray(2, text(artists));
            return SilverReader.strings(ps);
        }
    }

    /** Deletes the rows of {@code scope} and writes {@code rows} in their place; returns rows written per table. */
    void replace(GoldScope scope, Map<GoldTable, List<GoldRow>> rows) throws SQLException {
        for (GoldTable t : GoldTable.values()) {
            delete(t, scope);
            copy(t, rows.getOrDefault(t, List.of()));
        }
    }

    private void delete(GoldTable t, GoldScope scope) throws SQLException {
        if (scope.all()) {
            // TRUNCATE instead of DELETE: a full recompute would otherwise leave every old row as a dead tuple.
            // Readers of the table wait for the commit instead of seeing a half-written table.
            try (Statement s = c.createStatement()) {
                s.executeUpdate("TRUNCATE " + t.qualified());
            }
            return;
        }
        switch (t) {
            case TRACK_TRANSITIONS -> delete("DELETE FROM gold.track_transitions WHERE from_track_id = ANY(?)", scope.transitionSources());
            case TRACK_ANALYTICS -> delete("DELETE FROM gold.track_analytics WHERE track_id = ANY(?)", scope.tracks());
            case PLAYLIST_ANALYTICS -> delete("DELETE FROM gold.playlist_analytics WHERE playlist_id = ANY(?)", scope.playlists());
            case ARTIST_ANALYTICS -> delete("DELETE FROM gold.artist_analytics WHERE artist = ANY(?)", scope.artists());
            case ARTIST_CREDITS -> {
                delete("DELETE FROM gold.artist_credits WHERE kind = 'track' AND ref_id = ANY(?)", scope.tracks());
                delete("DELETE FROM gold.artist_credits WHERE kind = 'dj' AND ref_id = ANY(?)", scope.playlists());
            }
            case HARMONIC_RECOMMENDATIONS -> delete("DELETE FROM gold.harmonic_recommendations WHERE track_id = ANY(?)", scope.recommendationSources());
        }
    }

    private void delete(String sql, Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, text(keys));
            ps.executeUpdate();
        }
    }

    private void copy(GoldTable t, List<GoldRow> rows) throws SQLException {
        if (rows.isEmpty()) return;
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + t.qualified() + " (" + String.join(", ", t.columns()) + ") FROM STDIN");
        try {
            StringBuilder buf = new StringBuilder(COPY_CHUNK + 4096);
            for (GoldRow r : rows) {
                CopyEncoder.appendRow(buf, r.values());
                if (buf.length() >= COPY_CHUNK) flush(in, buf);
            }
            flush(in, buf);
            in.endCopy();
        } finally {
            if (in.isActive()) in.cancelCopy();
        }
    }

    private static void flush(CopyIn in, StringBuilder buf) throws SQLException {
        byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        buf.setLength(0);
    }

    /**
     * Recomputes {@code gold.layer_stats} from the tables as they are now (inside the caller's transaction).
     * Means are rounded to 9 digits: SQL sums in physical row order, which differs between two databases
     * holding the same rows, and the last bits of a float sum depend on that order.
     */
    List<LayerStat> refreshLayerStats() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM gold.layer_stats");
            s.executeUpdate("""
                    INSERT INTO gold.layer_stats (layer, table_name, record_count, mean_quality, completeness)
                    SELECT 'bronze', 'raw_tracks', count(*),
                           (SELECT count(*) FROM silver.bronze_links l JOIN bronze.raw_tracks r USING (bronze_key))::float8 / NULLIF(count(*), 0),
                           '{}'::jsonb
                      FROM bronze.raw_tracks
                    UNION ALL
                    SELECT 'silver', 'tracks', (SELECT count(*) FROM silver.tracks),
                           (SELECT round(avg(data_quality_score)::numeric, 9)::float8 FROM silver.tracks
                             WHERE enrichment_status <> 'unidentified' AND track_id NOT LIKE 'unk\\_%'),
                           COALESCE((SELECT jsonb_build_object('identifiers', round(avg(completeness_identifiers)::numeric, 9)::float8, 'audio', round(avg(completeness_audio)::numeric, 9)::float8,
                                                      'metadata', round(avg(completeness_metadata)::numeric, 9)::float8, 'overall', round(avg(completeness)::numeric, 9)::float8)
                                       FROM gold.track_analytics
                                      WHERE enrichment_status <> 'unidentified' AND track_id NOT LIKE 'unk\\_%'
                                     HAVING count(*) > 0), '{}'::jsonb)
                    UNION ALL SELECT 'silver', 'playlists', (SELECT count(*) FROM silver.playlists), NULL, '{}'
                    UNION ALL SELECT 'silver', 'playlist_tracks', (SELECT count(*) FROM silver.playlist_tracks), NULL, '{}'
                    UNION ALL SELECT 'silver', 'bronze_links', (SELECT count(*) FROM silver.bronze_links), NULL, '{}'
                    UNION ALL SELECT 'gold', 'track_transitions', count(*), round(avg(transition_quality)::numeric, 9)::float8, '{}' FROM gold.track_transitions
                    UNION ALL SELECT 'gold', 'track_analytics', count(*), round(avg(quality_score)::numeric, 9)::float8, '{}' FROM gold.track_analytics
                    UNION ALL SELECT 'gold', 'playlist_analytics', count(*), round(avg(harmonic_flow_score)::numeric, 9)::float8, '{}' FROM gold.playlist_analytics
                    UNION ALL SELECT 'gold', 'artist_analytics', count(*), NULL, '{}' FROM gold.artist_analytics
                    UNION ALL SELECT 'gold', 'artist_credits', count(*), NULL, '{}' FROM gold.artist_credits
                    UNION ALL SELECT 'gold', 'harmonic_recommendations', count(*), round(avg(score)::numeric, 9)::float8, '{}' FROM gold.harmonic_recommendations
                    """);
        }
        List<LayerStat> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT layer, table_name, record_count, mean_quality, completeness::text FROM gold.layer_stats ORDER BY 1, 2")) {
            while (rs.next()) {
                double q = rs.getDouble(4);
                Double quality = rs.wasNull() ? null : q;
                Map<String, Double> completeness;
                try {
                    completeness = Json.MAPPER.readValue(rs.getString(5), new TypeReference<Map<String, Double>>() {});
                } catch (IOException e) {
                    throw new SQLException("gold.layer_stats.completeness is not a JSON object of numbers", e);
                }
                out.add(new LayerStat(rs.getString(1), rs.getString(2), rs.getLong(3), quality, completeness));
            }
        }
        return out;
    }

    /** When silver last changed (tracks or playlist rows); the batch mode measures its lag from it. */
    java.time.Instant latestSilverChange() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT greatest((SELECT max(updated_at) FROM silver.tracks), (SELECT max(updated_at) FROM silver.playlist_tracks))")) {
            rs.next();
            java.sql.Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }

    private Set<String> query(String sql, Collection<String> keys) throws SQLException {
        if (keys.isEmpty()) return new java.util.LinkedHashSet<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, text(keys));
            return SilverReader.strings(ps);
        }
    }

    private Array text(Collection<String> values) throws SQLException { return c.createArrayOf("text", values.toArray()); }
}
