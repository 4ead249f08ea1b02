package io.songnodes.flink.jdbc;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.identity.TrackIds;
import io.songnodes.json.Json;
import io.songnodes.model.PlaylistRef;
import io.songnodes.model.SilverTrack;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * The idempotent upserts of bronze and silver, keyed by bronze key, track id and playlist id, so a
 * replayed record rewrites its rows instead of adding new ones.
 */
public final class SilverStatements {
    private SilverStatements() {}

    public static final String BRONZE_UPSERT = """
            INSERT INTO bronze.raw_tracks (bronze_key, source, source_url, source_track_id, raw, scraped_at, replay_count)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (bronze_key) DO UPDATE SET raw = EXCLUDED.raw, scraped_at = EXCLUDED.scraped_at,
                replay_count = GREATEST(bronze.raw_tracks.replay_count, EXCLUDED.replay_count), received_at = now()""";

    public static final JdbcStatementBuilder<BronzeMessage> BRONZE = (ps, m) -> {
        ps.setString(1, m.bronzeKey());
        ps.setString(2, m.record().source());
        ps.setString(3, m.record().sourceUrl());
        ps.setString(4, m.record().sourceTrackId());
        ps.setString(5, m.raw());
        ps.setTimestamp(6, Timestamp.from(m.record().scrapedAt()));
        ps.setInt(7, m.replayCount());
    };

    /** Playlist identity: the source's own id when it has one, else its URL (hashed when long, so the key stays bounded). */
    public static String playlistId(BronzeMessage m) {
        PlaylistRef p = m.record().playlist();
        String local = p != null && p.sourcePlaylistId() != null ? p.sourcePlaylistId() : m.record().sourceUrl();
        return m.record().source() + ':' + TrackIds.bounded(local);
    }

    public static final String PLAYLIST_UPSERT = """
            INSERT INTO silver.playlists (playlist_id, source, source_url, source_playlist_id, name, dj, event, played_date)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (playlist_id) DO UPDATE SET name = COALESCE(EXCLUDED.name, silver.playlists.name),
                dj = COALESCE(EXCLUDED.dj, silver.playlists.dj), event = COALESCE(EXCLUDED.event, silver.playlists.event),
                played_date = COALESCE(EXCLUDED.played_date, silver.playlists.played_date), updated_at = now()""";

    public static final JdbcStatementBuilder<BronzeMessage> PLAYLIST = (ps, m) -> {
        PlaylistRef p = m.record().playlist();
        ps.setString(1, playlistId(m));
        ps.setString(2, m.record().source());
        ps.setString(3, m.record().sourceUrl());
        ps.setString(4, p == null ? null : p.sourcePlaylistId());
        ps.setString(5, p == null ? null : p.name());
        ps.setString(6, p == null ? null : p.dj());
        ps.setString(7, p == null ? null : p.event());
        ps.setString(8, p == null ? null : p.date());
    };

    public static final String PLAYLIST_TRACK_UPSERT = """
            INSERT INTO silver.playlist_tracks (playlist_id, bronze_key, position, cue, track_id)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (playlist_id, bronze_key) DO UPDATE SET position = EXCLUDED.position, cue = EXCLUDED.cue,
                track_id = EXCLUDED.track_id, updated_at = now()""";

    public static final JdbcStatementBuilder<BronzeMessage> PLAYLIST_TRACK = (ps, m) -> {
        PlaylistRef p = m.record().playlist();
        ps.setString(1, playlistId(m));
        ps.setString(2, m.bronzeKey());
        if (p == null || p.position() == null) ps.setNull(3, Types.INTEGER); else ps.setInt(3, p.position());
        ps.setString(4, p == null ? null : p.cue());
        ps.setString(5, m.trackId());
    };

    public static final String LINK_UPSERT = """
            INSERT INTO silver.bronze_links (bronze_key, track_id, source) VALUES (?, ?, ?)
            ON CONFLICT (bronze_key) DO UPDATE SET track_id = EXCLUDED.track_id, linked_at = now()""";

    public static final JdbcStatementBuilder<BronzeMessage> LINK = (ps, m) -> {
        ps.setString(1, m.bronzeKey());
        ps.setString(2, m.trackId());
        ps.setString(3, m.record().source());
    };

    private static final String TRACK_COLUMNS = """
            track_id, artist, title, artist_normalized, title_normalized, featured_artists, version,
            spotify_id, musicbrainz_id, discogs_id, beatport_id, deezer_id, isrc,
            bpm, musical_key, camelot_key, energy, danceability, valence, genres, label, release_date, duration_ms,
            enrichment_status, data_quality_score, validation_status, provenance, provider_enriched_at, first_seen_at, last_enriched_at""";
    private static final String TRACK_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?";

    /**
     * A track seen before enrichment: creates the row, or only refreshes identity on an existing one, so a
     * re-played bronze record never wipes enrichment that already happened.
     */
    public static final String PENDING_TRACK_UPSERT = "INSERT INTO silver.tracks (" + TRACK_COLUMNS + ") VALUES (" + TRACK_VALUES + """
            )
            ON CONFLICT (track_id) DO UPDATE SET
                spotify_id = COALESCE(silver.tracks.spotify_id, EXCLUDED.spotify_id),
                beatport_id = COALESCE(silver.tracks.beatport_id, EXCLUDED.beatport_id),
                musicbrainz_id = COALESCE(silver.tracks.musicbrainz_id, EXCLUDED.musicbrainz_id),
                isrc = COALESCE(silver.tracks.isrc, EXCLUDED.isrc),
                provenance = EXCLUDED.provenance || silver.tracks.provenance,
                first_seen_at = LEAST(silver.tracks.first_seen_at, EXCLUDED.first_seen_at),
                updated_at = now()""";

    /** An enrichment result: it owns every enriched column, and keeps the earliest first-seen time. */
    public static final String ENRICHED_TRACK_UPSERT = "INSERT INTO silver.tracks (" + TRACK_COLUMNS + ") VALUES (" + TRACK_VALUES + """
            )
            ON CONFLICT (track_id) DO UPDATE SET
                spotify_id = EXCLUDED.spotify_id, musicbrainz_id = EXCLUDED.musicbrainz_id, discogs_id = EXCLUDED.discogs_id,
                beatport_id = EXCLUDED.beatport_id, deezer_id = EXCLUDED.deezer_id, isrc = EXCLUDED.isrc,
                bpm = EXCLUDED.bpm, musical_key = EXCLUDED.musical_key, camelot_key = EXCLUDED.camelot_key,
                energy = EXCLUDED.energy, danceability = EXCLUDED.danceability, valence = EXCLUDED.valence,
                genres = EXCLUDED.genres, label = EXCLUDED.label, release_date = EXCLUDED.release_date,
                duration_ms = EXCLUDED.duration_ms, enrichment_status = EXCLUDED.enrichment_status,
                data_quality_score = EXCLUDED.data_quality_score, validation_status = EXCLUDED.validation_status,
                provenance = EXCLUDED.provenance, provider_enriched_at = silver.tracks.provider_enriched_at || EXCLUDED.provider_enriched_at,
                first_seen_at = LEAST(silver.tracks.first_seen_at, EXCLUDED.first_seen_at),
                last_enriched_at = EXCLUDED.last_enriched_at, updated_at = now()""";

    public static final JdbcStatementBuilder<SilverTrack> TRACK = SilverStatements::bindTrack;

    static void bindTrack(PreparedStatement ps, SilverTrack t) throws SQLException {
        int i = 0;
        ps.setString(++i, t.trackId());
        ps.setString(++i, t.artist());
        ps.setString(++i, t.title());
        ps.setString(++i, t.artistNormalized());
        ps.setString(++i, t.titleNormalized());
        ps.setArray(++i, ps.getConnection().createArrayOf("text", list(t.featuredArtists())));
        ps.setString(++i, t.version());
        ps.setString(++i, t.spotifyId());
        ps.setString(++i, t.musicbrainzId());
        ps.setString(++i, t.discogsId());
        ps.setString(++i, t.beatportId());
        ps.setString(++i, t.deezerId());
        ps.setString(++i, t.isrc());
        setDouble(ps, ++i, t.bpm());
        ps.setString(++i, t.musicalKey());
        ps.setString(++i, t.camelotKey());
        setDouble(ps, ++i, t.energy());
        setDouble(ps, ++i, t.danceability());
        setDouble(ps, ++i, t.valence());
        ps.setArray(++i, ps.getConnection().createArrayOf("text", list(t.genres())));
        ps.setString(++i, t.label());
        ps.setString(++i, t.releaseDate());
        if (t.durationMs() == null) ps.setNull(++i, Types.INTEGER); else ps.setInt(++i, t.durationMs());
        ps.setString(++i, t.enrichmentStatus().wireName());
        ps.setDouble(++i, t.dataQualityScore());
        ps.setString(++i, t.validationStatus());
        ps.setString(++i, Json.write(t.provenance() == null ? java.util.Map.of() : t.provenance()));
        ps.setString(++i, Json.write(t.providerEnrichedAt() == null ? java.util.Map.of() : t.providerEnrichedAt()));
        ps.setTimestamp(++i, ts(t.firstSeenAt() == null ? Instant.now() : t.firstSeenAt()));
        ps.setTimestamp(++i, ts(t.lastEnrichedAt()));
    }

    private static Object[] list(List<String> l) { return l == null ? new Object[0] : l.toArray(); }

    private static Timestamp ts(Instant i) { return i == null ? null : Timestamp.from(i); }

    private static void setDouble(PreparedStatement ps, int i, Double d) throws SQLException {
        if (d == null) ps.setNull(i, Types.DOUBLE); else ps.setDouble(i, d);
    }
}
