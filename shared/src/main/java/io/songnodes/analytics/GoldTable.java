package io.songnodes.analytics;

import java.util.List;

/** The gold tables the job owns, their columns in write order, and the columns of their primary key. */
public enum GoldTable {
    TRACK_TRANSITIONS("track_transitions", List.of("from_track_id", "to_track_id"),
            "from_track_id", "to_track_id", "set_count", "occurrence_count", "first_seen", "last_seen", "playlist_ids",
            "from_camelot", "to_camelot", "bpm_delta", "energy_delta", "key_distance", "key_compatibility", "transition_quality"),
    TRACK_ANALYTICS("track_analytics", List.of("track_id"),
            "track_id", "artist", "title", "appearances", "set_count", "first_played", "last_played", "bpm", "camelot_key",
            "key_name", "compatible_keys", "key_family", "enrichment_status", "completeness", "completeness_identifiers",
            "completeness_audio", "completeness_metadata", "quality_score"),
    PLAYLIST_ANALYTICS("playlist_analytics", List.of("playlist_id"),
            "playlist_id", "name", "dj", "event", "played_date", "track_count", "identified_count", "identification_rate",
            "avg_bpm", "avg_energy", "energy_curve", "key_changes", "transition_count", "harmonic_flow_score",
            "genre_distribution", "track_ids"),
    ARTIST_ANALYTICS("artist_analytics", List.of("artist"),
            "artist", "track_count", "appearances", "set_count", "dj_set_count", "top_genres", "first_seen", "last_seen"),
    ARTIST_CREDITS("artist_credits", List.of("artist", "kind", "ref_id"),
            "artist", "kind", "ref_id"),
    HARMONIC_RECOMMENDATIONS("harmonic_recommendations", List.of("track_id", "rank"),
            "track_id", "rank", "recommended_track_id", "score", "key_compatibility", "bpm_delta", "energy_delta");

    private final String tableName;
    private final List<String> key;
    private final List<String> columns;

    GoldTable(String tableName, List<String> key, String... columns) {
        this.tableName = tableName;
        this.key = key;
        this.columns = List.of(columns);
    }

    /** Schema-qualified name, e.g. {@code gold.track_transitions}. */
    public String qualified() { return "gold." + tableName; }

    public String tableName() { return tableName; }

    public List<String> key() { return key; }

    public List<String> columns() { return columns; }
}
