package io.songnodes.enrich.scoring;

import io.songnodes.identity.TrackIdentity;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * The bronze side of a match: the parsed track, its version, a reference duration when one is known
 * (from an earlier, confident provider match) and the ids already known for it.
 */
public record MatchTarget(TrackIdentity identity, VersionInfo version, Integer durationMs, Map<String, String> knownIds) implements Serializable {

    public MatchTarget {
        knownIds = knownIds == null ? Map.of() : Map.copyOf(knownIds);
    }

    /** A target for a track as a tracklist wrote it. */
    public static MatchTarget of(String artist, String title) {
        return of(TrackIdentity.parse(artist, title), title, null, Map.of());
    }

    public static MatchTarget of(TrackIdentity identity, String rawTitle, Integer durationMs, Map<String, String> knownIds) {
        return new MatchTarget(identity, VersionInfo.of(identity, rawTitle), durationMs, knownIds);
    }

    public MatchTarget withDuration(Integer ms) { return new MatchTarget(identity, version, ms, knownIds); }

    public MatchTarget withKnownIds(Map<String, String> ids) { return new MatchTarget(identity, version, durationMs, ids); }

    Set<String> allArtists() { return identity.allArtists(); }
}
