package io.songnodes.analytics;

import io.songnodes.identity.TrackIdentity;
import io.songnodes.identity.TrackIds;
import io.songnodes.model.BronzeRecord;
import io.songnodes.music.CamelotKey;
import io.songnodes.testing.TracklistFixtures;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Silver as bronze-to-silver would build it from the kit's real tracklists, using the ground truth the
 * 1001tracklists CSVs carry (tempo, key, energy, genres) in place of provider answers. MixesDB sets
 * have no audio features, so they exercise the missing-value paths.
 */
public final class KitSilver {
    /** A silver track row. */
    public record Track(String trackId, String artist, String title, String artistNormalized, String titleNormalized, Double bpm,
                        String musicalKey, String camelotKey, Double energy, List<String> genres, String spotifyId, String beatportId,
                        Integer durationMs, String status, double quality) {
        public TrackFacts facts() {
            int ids = Completeness.filled(spotifyId, beatportId);
            int audio = Completeness.filled(bpm, musicalKey, energy);
            int meta = Completeness.filled(genres, durationMs);
            return TrackFacts.fromSilver(trackId, artist, title, bpm, musicalKey, camelotKey, energy, genres, status, quality,
                    Completeness.ofCounts(ids, audio, meta));
        }

        /** The same track with new audio features, as a later enrichment would write it. */
        public Track withAudio(Double newBpm, String newKey, Double newEnergy) {
            return new Track(trackId, artist, title, artistNormalized, titleNormalized, newBpm, newKey, null, newEnergy, genres,
                    spotifyId, beatportId, durationMs, status, quality);
        }
    }

    /** A silver playlist row. */
    public record Entry(String bronzeKey, Integer position, String cue, String trackId) {}

    /** A silver playlist with its rows. */
    public record Playlist(String playlistId, String source, String sourceUrl, String name, String dj, String event, String date,
                           List<Entry> entries) {
        public PlaylistFacts facts() {
            return new PlaylistFacts(playlistId, name, dj, event, SetDates.parse(date),
                    entries.stream().map(e -> new PlaylistFacts.Entry(e.bronzeKey(), e.position(), e.trackId())).toList());
        }
    }

    private final Map<String, Track> tracks = new LinkedHashMap<>();
    private final Map<String, Playlist> playlists = new LinkedHashMap<>();

    /** Silver of one 1001tracklists CSV of the kit. */
    public static KitSilver of1001(java.nio.file.Path csv) {
        KitSilver s = new KitSilver();
        for (TracklistFixtures.Row r : TracklistFixtures.load1001(csv)) s.add(r.bronze(), r);
        return s;
    }

    /** Silver of every kit tracklist: the three 1001tracklists sets and the MixesDB sets. */
    public static KitSilver all() {
        KitSilver s = new KitSilver();
        for (TracklistFixtures.Row r : TracklistFixtures.all1001()) s.add(r.bronze(), r);
        for (BronzeRecord b : TracklistFixtures.loadMixesDb()) s.add(b, null);
        return s;
    }

    private void add(BronzeRecord b, TracklistFixtures.Row truth) {
        Integer position = b.playlist() == null ? null : b.playlist().position();
        String bronzeKey = TrackIds.bronzeKey(b.source(), b.sourceUrl(), b.sourceTrackId(), position, b.artist(), b.title());
        TrackIdentity identity = TrackIdentity.parse(b.artist(), b.title());
        boolean unidentified = TrackIds.isUnidentified(b.artist(), b.title(), identity);
        String trackId = unidentified ? TrackIds.unidentifiedTrackId(bronzeKey) : TrackIds.trackId(identity);
        if (!tracks.containsKey(trackId)) {
            CamelotKey key = truth == null ? null : CamelotKey.ofNullable(truth.key(), truth.mode()).orElse(null);
            Double bpm = truth == null ? null : truth.tempo();
            String status = unidentified ? "unidentified" : bpm != null && key != null ? "completed" : "partial";
            double quality = unidentified ? 0.0 : "completed".equals(status) ? 0.9 : 0.5;
            tracks.put(trackId, new Track(trackId, b.artist(), b.title(), identity.artistNormalized(), identity.baseTitle(),
                    unidentified ? null : bpm, unidentified || key == null ? null : key.keyName(), unidentified || key == null ? null : key.toString(),
                    unidentified || truth == null ? null : truth.energy(), unidentified || truth == null ? List.of() : truth.genres(),
                    truth == null ? null : truth.spotifyId(), truth == null ? null : truth.beatportId(),
                    truth == null ? null : truth.durationMs(), status, quality));
        }
        String playlistId = b.source() + ":" + Objects.requireNonNullElse(b.playlist().sourcePlaylistId(), b.sourceUrl());
        Playlist p = playlists.computeIfAbsent(playlistId, id -> new Playlist(id, b.source(), b.sourceUrl(), b.playlist().name(),
                b.playlist().dj(), b.playlist().event(), b.playlist().date(), new ArrayList<>()));
        p.entries().add(new Entry(bronzeKey, position, b.playlist().cue(), trackId));
    }

    public Map<String, Track> tracks() { return tracks; }

    public Map<String, Playlist> playlists() { return playlists; }

    public SilverSnapshot snapshot() {
        return new SilverSnapshot(tracks.values().stream().map(Track::facts).toList(), playlists.values().stream().map(Playlist::facts).toList());
    }

    /** The track id of the first track whose title contains {@code text}. */
    public String idOf(String text) {
        return tracks.values().stream().filter(t -> t.title().contains(text)).findFirst().orElseThrow(() -> new AssertionError(text)).trackId();
    }

    /** Upserts one track into {@code silver.tracks}. */
    public static void upsertTrack(Connection c, Track t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO silver.tracks (track_id, artist, title, artist_normalized, title_normalized, bpm, musical_key, camelot_key,
                    energy, genres, spotify_id, beatport_id, duration_ms, enrichment_status, data_quality_score)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (track_id) DO UPDATE SET bpm = EXCLUDED.bpm, musical_key = EXCLUDED.musical_key, camelot_key = EXCLUDED.camelot_key,
                    energy = EXCLUDED.energy, genres = EXCLUDED.genres, enrichment_status = EXCLUDED.enrichment_status,
                    data_quality_score = EXCLUDED.data_quality_score, updated_at = now()""")) {
            ps.setString(1, t.trackId());
            ps.setString(2, t.artist());
            ps.setString(3, t.title());
            ps.setString(4, t.artistNormalized());
            ps.setString(5, t.titleNormalized());
            ps.setObject(6, t.bpm());
            ps.setString(7, t.musicalKey());
            ps.setString(8, t.camelotKey());
            ps.setObject(9, t.energy());
            ps.setArray(10, c.createArrayOf("text", t.genres().toArray()));
            ps.setString(11, t.spotifyId());
            ps.setString(12, t.beatportId());
            ps.setObject(13, t.durationMs());
            ps.setString(14, t.status());
            ps.setDouble(15, t.quality());
            ps.executeUpdate();
        }
    }

    /** Upserts a playlist and the given rows of it (fixed first-seen time, so dates never depend on the clock). */
    public static void upsertPlaylist(Connection c, Playlist p, List<Entry> entries) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO silver.playlists (playlist_id, source, source_url, name, dj, event, played_date, first_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, '2025-10-10T12:00:00Z') ON CONFLICT (playlist_id) DO NOTHING""")) {
            ps.setString(1, p.playlistId());
            ps.setString(2, p.source());
            ps.setString(3, p.sourceUrl());
            ps.setString(4, p.name());
            ps.setString(5, p.dj());
            ps.setString(6, p.event());
            ps.setString(7, p.date());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO silver.playlist_tracks (playlist_id, bronze_key, position, cue, track_id) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (playlist_id, bronze_key) DO UPDATE SET position = EXCLUDED.position, track_id = EXCLUDED.track_id""")) {
            for (Entry e : entries) {
                ps.setString(1, p.playlistId());
                ps.setString(2, e.bronzeKey());
                ps.setObject(3, e.position());
                ps.setString(4, e.cue());
                ps.setString(5, e.trackId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
