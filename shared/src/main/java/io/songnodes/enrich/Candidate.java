package io.songnodes.enrich;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * One recording a provider offered for a lookup, parsed from its real response body. Fields a provider
 * does not know are null (never 0: Deezer's {@code bpm: 0} and Spotify's {@code key: -1} mean unknown).
 * {@code ids} maps provider name to that provider's id, plus {@code "isrc"}, so ids can chain.
 * {@code key} is a pitch class 0-11 and {@code mode} 1 major / 0 minor, or {@code keyName} as the provider spelled it.
 */
public record Candidate(
        String provider,
        String recordId,
        String artist,
        List<String> artists,
        String title,
        String version,
        Map<String, String> ids,
        Double bpm,
        Integer key,
        Integer mode,
        String keyName,
        Double energy,
        Double danceability,
        Double valence,
        List<String> genres,
        String label,
        String releaseDate,
        Integer durationMs) implements Serializable {

    /** The id this candidate carries for {@code idName} ("spotify", "isrc", ...), or null. */
    public String id(String idName) { return ids == null ? null : ids.get(idName); }
}
