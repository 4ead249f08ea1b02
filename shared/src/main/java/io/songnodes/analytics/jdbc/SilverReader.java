package io.songnodes.analytics.jdbc;

import io.songnodes.analytics.Completeness;
import io.songnodes.analytics.PlaylistFacts;
import io.songnodes.analytics.SetDates;
import io.songnodes.analytics.TrackFacts;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads silver tracks and playlists into {@link TrackFacts} and {@link PlaylistFacts}, all or by key. */
final class SilverReader {
    private static final String TRACK_COLUMNS = "track_id, artist, title, bpm, musical_key, camelot_key, energy, genres, "
            + "enrichment_status, data_quality_score, spotify_id, musicbrainz_id, discogs_id, beatport_id, deezer_id, isrc, "
            + "danceability, valence, label, release_date, duration_ms";
    private static final int FETCH = 5_000;

    private final Connection c;

    SilverReader(Connection c) { this.c = c; }

    List<TrackFacts> allTracks() throws SQLException {
        return tracks("SELECT " + TRACK_COLUMNS + " FROM silver.tracks", ps -> {});
    }

    List<TrackFacts> tracksById(Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        return tracks("SELECT " + TRACK_COLUMNS + " FROM silver.tracks WHERE track_id = ANY(?)", ps -> ps.setArray(1, text(ids)));
    }

    /** Tracks whose tempo lies in {@code [lo, hi]}, for the recommendation windows. */
    List<TrackFacts> tracksInBpm(double lo, double hi) throws SQLException {
        return tracks("SELECT " + TRACK_COLUMNS + " FROM silver.tracks WHERE bpm BETWEEN ? AND ?", ps -> {
            ps.setDouble(1, lo);
            ps.setDouble(2, hi);
        });
    }

    List<PlaylistFacts> allPlaylists() throws SQLException {
        return playlists("SELECT playlist_id, name, dj, event, played_date, first_seen_at FROM silver.playlists",
                "SELECT playlist_id, bronze_key, position, track_id FROM silver.playlist_tracks", ps -> {});
    }

    List<PlaylistFacts> playlistsById(Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) return List.of();
        Array arr = text(ids);
        return playlists("SELECT playlist_id, name, dj, event, played_date, first_seen_at FROM silver.playlists WHERE playlist_id = ANY(?)",
                "SELECT playlist_id, bronze_key, position, track_id FROM silver.playlist_tracks WHERE playlist_id = ANY(?)",
                ps -> ps.setArray(1, arr));
    }

    /** Ids of the sets that play any of {@code trackIds}. */
    Set<String> playlistIdsPlaying(Collection<String> trackIds) throws SQLException {
        if (trackIds.isEmpty()) return Set.of();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT playlist_id FROM silver.playlist_tracks WHERE track_id = ANY(?)")) {
            ps.setArray(1, text(trackIds));
            return strings(ps);
        }
    }

    private interface Binder { void bind(PreparedStatement ps) throws SQLException; }

    private List<TrackFacts> tracks(String sql, Binder binder) throws SQLException {
        List<TrackFacts> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(track(rs));
            }
        }
        return out;
    }

    private static TrackFacts track(ResultSet rs) throws SQLException {
        Double bpm = dbl(rs, "bpm");
        String musicalKey = rs.getString("musical_key");
        String camelotKey = rs.getString("camelot_key");
        Double energy = dbl(rs, "energy");
        Array g = rs.getArray("genres");
        List<String> genres = g == null ? List.of() : List.of((String[]) g.getArray());
        int ids = Completeness.filled(rs.getString("spotify_id"), rs.getString("musicbrainz_id"), rs.getString("discogs_id"),
                rs.getString("beatport_id"), rs.getString("deezer_id"), rs.getString("isrc"));
        String key = musicalKey != null && !musicalKey.isBlank() ? musicalKey : camelotKey;
        int audio = Completeness.filled(bpm == null || bpm <= 0 ? null : bpm, key, energy, dbl(rs, "danceability"), dbl(rs, "valence"));
        int meta = Completeness.filled(genres, rs.getString("label"), rs.getString("release_date"), rs.getObject("duration_ms"));
        return TrackFacts.fromSilver(rs.getString("track_id"), rs.getString("artist"), rs.getString("title"), bpm, musicalKey,
                camelotKey, energy, genres, rs.getString("enrichment_status"), rs.getDouble("data_quality_score"),
                Completeness.ofCounts(ids, audio, meta));
    }

    private List<PlaylistFacts> playlists(String headSql, String rowSql, Binder binder) throws SQLException {
        Map<String, List<PlaylistFacts.Entry>> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(rowSql)) {
            ps.setFetchSize(FETCH);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int pos = rs.getInt(3);
                    Integer position = rs.wasNull() ? null : pos;
                    rows.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new PlaylistFacts.Entry(rs.getString(2), position, rs.getString(4)));
                }
            }
        }
        List<PlaylistFacts> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(headSql)) {
            ps.setFetchSize(FETCH);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    Timestamp firstSeen = rs.getTimestamp(6);
                    out.add(new PlaylistFacts(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            SetDates.of(rs.getString(5), firstSeen == null ? null : firstSeen.toInstant()),
                            rows.getOrDefault(id, List.of())));
                }
            }
        }
        return out;
    }

    private Array text(Collection<String> values) throws SQLException { return c.createArrayOf("text", values.toArray()); }

    static Set<String> strings(PreparedStatement ps) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) if (rs.getString(1) != null) out.add(rs.getString(1));
        }
        return out;
    }

    private static Double dbl(ResultSet rs, String col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? null : v;
    }
}
