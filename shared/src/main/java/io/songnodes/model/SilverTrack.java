package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.songnodes.flink.types.TypeFactories;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One silver row per track id (docs/contracts.md §3). Typed columns hold the winning values; {@code provenance}
 * holds, per field name, where each value came from. Build instances with {@link SilverTrackBuilder}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SilverTrack(
        @JsonProperty("track_id") String trackId,
        @JsonProperty("artist") String artist,
        @JsonProperty("title") String title,
        @JsonProperty("artist_normalized") String artistNormalized,
        @JsonProperty("title_normalized") String titleNormalized,
        @TypeInfo(TypeFactories.StringList.class) @JsonProperty("featured_artists") List<String> featuredArtists,
        @JsonProperty("version") String version,
        @JsonProperty("spotify_id") String spotifyId,
        @JsonProperty("musicbrainz_id") String musicbrainzId,
        @JsonProperty("discogs_id") String discogsId,
        @JsonProperty("beatport_id") String beatportId,
        @JsonProperty("deezer_id") String deezerId,
        @JsonProperty("isrc") String isrc,
        @JsonProperty("bpm") Double bpm,
        @JsonProperty("musical_key") String musicalKey,
        @JsonProperty("camelot_key") String camelotKey,
        @JsonProperty("energy") Double energy,
        @JsonProperty("danceability") Double danceability,
        @JsonProperty("valence") Double valence,
        @TypeInfo(TypeFactories.StringList.class) @JsonProperty("genres") List<String> genres,
        @JsonProperty("label") String label,
        @JsonProperty("release_date") String releaseDate,
        @JsonProperty("duration_ms") Integer durationMs,
        @JsonProperty("enrichment_status") EnrichmentStatus enrichmentStatus,
        @JsonProperty("data_quality_score") double dataQualityScore,
        @JsonProperty("validation_status") String validationStatus,
        @TypeInfo(TypeFactories.ProvenanceMap.class) @JsonProperty("provenance") Map<String, FieldValue> provenance,
        @TypeInfo(TypeFactories.InstantMap.class) @JsonProperty("provider_enriched_at") Map<String, Instant> providerEnrichedAt,
        @JsonProperty("first_seen_at") Instant firstSeenAt,
        @JsonProperty("last_enriched_at") Instant lastEnrichedAt) implements Serializable {

    public SilverTrackBuilder toBuilder() { return SilverTrackBuilder.from(this); }
}
