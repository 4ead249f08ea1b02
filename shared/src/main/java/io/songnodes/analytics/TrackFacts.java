package io.songnodes.analytics;

import io.songnodes.identity.TrackIdentity;
import io.songnodes.music.CamelotKey;
import io.songnodes.music.KeyNames;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/** What gold needs to know about one silver track. */
public record TrackFacts(
        String trackId, String artist, String title, Double bpm, String musicalKey, CamelotKey camelot, Double energy,
        List<String> genres, String enrichmentStatus, double quality, Completeness completeness) implements Serializable {

    public TrackFacts {
        genres = genres == null ? List.of() : List.copyOf(genres);
    }

    /**
     * Builds facts from silver columns. The Camelot key comes from {@code camelot_key} when it parses,
     * else from {@code musical_key} (any provider spelling); Deezer's {@code bpm = 0} means unknown.
     */
    public static TrackFacts fromSilver(String trackId, String artist, String title, Double bpm, String musicalKey,
                                        String camelotKey, Double energy, List<String> genres, String status,
                                        double quality, Completeness completeness) {
        CamelotKey camelot = KeyNames.parse(camelotKey).or(() -> KeyNames.parse(musicalKey)).orElse(null);
        Double tempo = bpm == null || bpm <= 0 ? null : bpm;
        return new TrackFacts(trackId, artist, title, tempo, musicalKey, camelot, energy, genres, status, quality, completeness);
    }

    /** Unidentified rows ({@code ID - ID}, {@code unk_} ids) are kept for positions but never linked or recommended. */
    public boolean identified() {
        return !trackId.startsWith("unk_") && !"unidentified".equals(enrichmentStatus);
    }

    /** Every credited artist, normalised: main and featured. */
    public Set<String> creditedArtists() {
        return TrackIdentity.parse(artist, title).allArtists();
    }
}
