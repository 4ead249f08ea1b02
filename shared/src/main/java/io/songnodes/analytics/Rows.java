package io.songnodes.analytics;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedMap;

/** The row types of the gold tables, one record per table (columns as in V2__gold.sql). */
public final class Rows {
    private Rows() {}

    /** {@code gold.track_transitions}. */
    public record Transition(String fromTrackId, String toTrackId, int setCount, int occurrenceCount, LocalDate firstSeen,
                             LocalDate lastSeen, List<String> playlistIds, String fromCamelot, String toCamelot, Double bpmDelta,
                             Double energyDelta, Integer keyDistance, double keyCompatibility, double transitionQuality)
            implements GoldRow, Serializable {
        public GoldTable table() { return GoldTable.TRACK_TRANSITIONS; }

        public Object[] values() {
            return new Object[] {fromTrackId, toTrackId, setCount, occurrenceCount, firstSeen, lastSeen, playlistIds, fromCamelot,
                    toCamelot, bpmDelta, energyDelta, keyDistance, keyCompatibility, transitionQuality};
        }
    }

    /** {@code gold.track_analytics}. */
    public record TrackAnalytics(String trackId, String artist, String title, int appearances, int setCount, LocalDate firstPlayed,
                                 LocalDate lastPlayed, Double bpm, String camelotKey, String keyName, List<String> compatibleKeys,
                                 String keyFamily, String enrichmentStatus, Completeness completeness, double qualityScore)
            implements GoldRow, Serializable {
        public GoldTable table() { return GoldTable.TRACK_ANALYTICS; }

        public Object[] values() {
            return new Object[] {trackId, artist, title, appearances, setCount, firstPlayed, lastPlayed, bpm, camelotKey, keyName,
                    compatibleKeys, keyFamily, enrichmentStatus, completeness.overall(), completeness.identifiers(),
                    completeness.audio(), completeness.metadata(), qualityScore};
        }
    }

    /** {@code gold.playlist_analytics}. */
    public record PlaylistAnalytics(String playlistId, String name, String dj, String event, LocalDate playedDate, int trackCount,
                                    int identifiedCount, double identificationRate, Double avgBpm, Double avgEnergy,
                                    List<Double> energyCurve, int keyChanges, int transitionCount, Double harmonicFlowScore,
                                    SortedMap<String, Double> genreDistribution, List<String> trackIds)
            implements GoldRow, Serializable {
        public GoldTable table() { return GoldTable.PLAYLIST_ANALYTICS; }

        public Object[] values() {
            return new Object[] {playlistId, name, dj, event, playedDate, trackCount, identifiedCount, identificationRate, avgBpm,
                    avgEnergy, energyCurve, keyChanges, transitionCount, harmonicFlowScore, genreDistribution, trackIds};
        }
    }

    /** {@code gold.artist_analytics}. */
    public record ArtistAnalytics(String artist, int trackCount, int appearances, int setCount, int djSetCount,
                                  List<String> topGenres, LocalDate firstSeen, LocalDate lastSeen) implements GoldRow, Serializable {
        public GoldTable table() { return GoldTable.ARTIST_ANALYTICS; }

        public Object[] values() {
            return new Object[] {artist, trackCount, appearances, setCount, djSetCount, topGenres, firstSeen, lastSeen};
        }
    }

    /** {@code gold.artist_credits}: artist credited on a track ({@code kind = track}) or DJ of a set ({@code kind = dj}). */
    public record ArtistCredit(String artist, String kind, String refId) implements GoldRow, Serializable {
        public static final String TRACK = "track";
        public static final String DJ = "dj";

        public GoldTable table() { return GoldTable.ARTIST_CREDITS; }

        public Object[] values() { return new Object[] {artist, kind, refId}; }
    }

    /** {@code gold.harmonic_recommendations}. */
    public record Recommendation(String trackId, int rank, String recommendedTrackId, double score, double keyCompatibility,
                                 double bpmDelta, Double energyDelta) implements GoldRow, Serializable {
        public GoldTable table() { return GoldTable.HARMONIC_RECOMMENDATIONS; }

        public Object[] values() {
            return new Object[] {trackId, rank, recommendedTrackId, score, keyCompatibility, bpmDelta, energyDelta};
        }
    }
}
