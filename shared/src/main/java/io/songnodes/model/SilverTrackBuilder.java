package io.songnodes.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mutable builder for {@link SilverTrack}; the waterfall fills it field by field, then freezes it. */
public final class SilverTrackBuilder {
    public String trackId, artist, title, artistNormalized, titleNormalized, version;
    public List<String> featuredArtists = new ArrayList<>();
    public String spotifyId, musicbrainzId, discogsId, beatportId, deezerId, isrc;
    public Double bpm, energy, danceability, valence;
    public String musicalKey, camelotKey, label, releaseDate;
    public List<String> genres = new ArrayList<>();
    public Integer durationMs;
    public EnrichmentStatus enrichmentStatus = EnrichmentStatus.PENDING;
    public double dataQualityScore;
    public String validationStatus = "valid";
    public final Map<String, FieldValue> provenance = new TreeMap<>();
    public final Map<String, Instant> providerEnrichedAt = new TreeMap<>();
    public Instant firstSeenAt, lastEnrichedAt;

    public static SilverTrackBuilder from(SilverTrack t) {
        SilverTrackBuilder b = new SilverTrackBuilder();
        b.trackId = t.trackId(); b.artist = t.artist(); b.title = t.title();
        b.artistNormalized = t.artistNormalized(); b.titleNormalized = t.titleNormalized(); b.version = t.version();
        if (t.featuredArtists() != null) b.featuredArtists = new ArrayList<>(t.featuredArtists());
        b.spotifyId = t.spotifyId(); b.musicbrainzId = t.musicbrainzId(); b.discogsId = t.discogsId();
        b.beatportId = t.beatportId(); b.deezerId = t.deezerId(); b.isrc = t.isrc();
        b.bpm = t.bpm(); b.musicalKey = t.musicalKey(); b.camelotKey = t.camelotKey();
        b.energy = t.energy(); b.danceability = t.danceability(); b.valence = t.valence();
        if (t.genres() != null) b.genres = new ArrayList<>(t.genres());
        b.label = t.label(); b.releaseDate = t.releaseDate(); b.durationMs = t.durationMs();
        b.enrichmentStatus = t.enrichmentStatus(); b.dataQualityScore = t.dataQualityScore();
        b.validationStatus = t.validationStatus();
        if (t.provenance() != null) b.provenance.putAll(t.provenance());
        if (t.providerEnrichedAt() != null) b.providerEnrichedAt.putAll(t.providerEnrichedAt());
        b.firstSeenAt = t.firstSeenAt(); b.lastEnrichedAt = t.lastEnrichedAt();
        return b;
    }

    /** Freezes the builder: the row gets its own copies of the collections, so later changes to the builder do not reach it. */
    public SilverTrack build() {
        return new SilverTrack(trackId, artist, title, artistNormalized, titleNormalized, new ArrayList<>(featuredArtists), version,
                spotifyId, musicbrainzId, discogsId, beatportId, deezerId, isrc,
                bpm, musicalKey, camelotKey, energy, danceability, valence,
                new ArrayList<>(genres), label, releaseDate, durationMs,
                enrichmentStatus, dataQualityScore, validationStatus,
                new TreeMap<>(provenance), new TreeMap<>(providerEnrichedAt), firstSeenAt, lastEnrichedAt);
    }
}
