package io.songnodes.analytics.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.analytics.GoldSnapshot;
import io.songnodes.analytics.KitSilver;
import io.songnodes.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Incremental refreshes after random silver changes leave gold exactly as a full recompute would, on
 * every table: audio re-enrichment (values appearing and disappearing), tracks turning unidentified and
 * back, relinked, moved, added and deleted set rows, renamed artists and a set's DJ or date changing.
 */
class GoldRefresherITCase {
    private record Change(List<String> tracks, List<String> playlists) {}

    @Test
    void incrementalRefreshesEqualAFullRecompute() throws Exception {
        KitSilver kit = KitSilver.all();
        try (TestDatabase full = TestDatabase.create(); TestDatabase incremental = TestDatabase.create();
             GoldRefresher fullRefresher = new GoldRefresher(full.jdbcUrl()); GoldRefresher incRefresher = new GoldRefresher(incremental.jdbcUrl())) {
            for (TestDatabase db : List.of(full, incremental)) load(db, kit);
            incRefresher.refreshAll();
            List<String> trackIds = new ArrayList<>(kit.tracks().keySet());
            List<String> playlistIds = new ArrayList<>(kit.playlists().keySet());
            SplittableRandom rnd = new SplittableRandom(20251010);
            for (int round = 1; round <= 60; round++) {
                long seed = rnd.nextLong();
                Change change = null;
                for (TestDatabase db : List.of(full, incremental)) {
                    try (Connection c = db.connect()) {
                        change = mutate(c, new SplittableRandom(seed), trackIds, playlistIds);
                    }
                }
                incRefresher.refresh(change.tracks(), change.playlists());
                if (round % 20 == 0) {
                    fullRefresher.refreshAll();
                    incRefresher.refreshLayerStats();
                    Map<String, List<String>> expected = GoldSnapshot.of(full);
                    Map<String, List<String>> actual = GoldSnapshot.of(incremental);
                    for (String table : expected.keySet()) {
                        assertThat(actual.get(table)).as("round %d, %s", round, table).containsExactlyElementsOf(expected.get(table));
                    }
                }
            }
            Map<String, List<String>> before = GoldSnapshot.of(incremental);
            incRefresher.refresh(trackIds.subList(0, 20), playlistIds.subList(0, 2));
            assertThat(GoldSnapshot.of(incremental)).as("a repeated refresh changes nothing").isEqualTo(before);
        }
    }

    private static void load(TestDatabase db, KitSilver kit) throws SQLException {
        try (Connection c = db.connect()) {
            for (KitSilver.Track t : kit.tracks().values()) KitSilver.upsertTrack(c, t);
            for (KitSilver.Playlist p : kit.playlists().values()) KitSilver.upsertPlaylist(c, p, p.entries());
        }
    }

    /** Applies one random silver change and returns the event bronze-to-silver would publish for it. */
    private static Change mutate(Connection c, SplittableRandom rnd, List<String> tracks, List<String> playlists) throws SQLException {
        String t = tracks.get(rnd.nextInt(tracks.size()));
        String p = playlists.get(rnd.nextInt(playlists.size()));
        String[] keys = {"8A", "C# minor", "Gmin", "F#m", "Db major", "9B", null};
        switch (rnd.nextInt(8)) {
            case 0 -> {
                update(c, "UPDATE silver.tracks SET bpm = ?, musical_key = ?, camelot_key = NULL, energy = ? WHERE track_id = ?",
                        rnd.nextInt(5) == 0 ? null : 120 + rnd.nextDouble() * 15, keys[rnd.nextInt(keys.length)],
                        rnd.nextInt(5) == 0 ? null : rnd.nextDouble(), t);
                return new Change(List.of(t), List.of());
            }
            case 1 -> {
                update(c, "UPDATE silver.tracks SET enrichment_status = CASE WHEN enrichment_status = 'unidentified' THEN 'completed' ELSE 'unidentified' END WHERE track_id = ?", t);
                return new Change(List.of(t), List.of());
            }
            case 2 -> { // relink one row of the set to another track
                String bk = oneRow(c, p, rnd);
                update(c, "UPDATE silver.playlist_tracks SET track_id = ? WHERE playlist_id = ? AND bronze_key = ?", t, p, bk);
                return new Change(List.of(t), List.of(p));
            }
            case 3 -> { // a row loses or changes its position
                String bk = oneRow(c, p, rnd);
                String moved = trackOf(c, p, bk);
                update(c, "UPDATE silver.playlist_tracks SET position = ? WHERE playlist_id = ? AND bronze_key = ?",
                        rnd.nextInt(3) == 0 ? null : 1 + rnd.nextInt(30), p, bk);
                return new Change(List.of(moved), List.of(p));
            }
            case 4 -> {
                update(c, "INSERT INTO silver.playlist_tracks (playlist_id, bronze_key, position, track_id) VALUES (?, ?, ?, ?)",
                        p, "new-" + rnd.nextLong(), 1 + rnd.nextInt(30), t);
                return new Change(List.of(t), List.of(p));
            }
            case 5 -> {
                String bk = oneRow(c, p, rnd);
                String gone = trackOf(c, p, bk);
                update(c, "DELETE FROM silver.playlist_tracks WHERE playlist_id = ? AND bronze_key = ?", p, bk);
                return new Change(List.of(gone), List.of(p));
            }
            case 6 -> {
                String[] artists = {"Cosmic Gate", "Hardwell & Justice", "Adiel feat. Someone", "The Prodigy", "ID"};
                update(c, "UPDATE silver.tracks SET artist = ? WHERE track_id = ?", artists[rnd.nextInt(artists.length)], t);
                return new Change(List.of(t), List.of());
            }
            default -> {
                String[] djs = {"Hardwell", "Adiel b2b Cosmic Gate", null, "Justice"};
                update(c, "UPDATE silver.playlists SET dj = ?, played_date = ? WHERE playlist_id = ?", djs[rnd.nextInt(djs.length)],
                        rnd.nextBoolean() ? "2021-0" + (1 + rnd.nextInt(9)) + "-15" : null, p);
                return new Change(List.of(), List.of(p));
            }
        }
    }

    private static String oneRow(Connection c, String playlist, SplittableRandom rnd) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT bronze_key FROM silver.playlist_tracks WHERE playlist_id = ? ORDER BY bronze_key")) {
            ps.setString(1, playlist);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) keys.add(rs.getString(1));
            }
        }
        return keys.get(rnd.nextInt(keys.size()));
    }

    private static String trackOf(Connection c, String playlist, String bronzeKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT track_id FROM silver.playlist_tracks WHERE playlist_id = ? AND bronze_key = ?")) {
            ps.setString(1, playlist);
            ps.setString(2, bronzeKey);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            ps.executeUpdate();
        }
    }
}
