package io.songnodes.analytics;

import io.songnodes.identity.TrackIdentity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Silver tracks and playlists loaded into memory, with the indexes gold needs. A batch run loads all of
 * silver; an incremental run loads the closure of what changed (see {@code GoldRefresher}), which must hold
 * every row that any recomputed gold row depends on.
 */
public final class SilverSnapshot {
    private final Map<String, TrackFacts> tracks;
    private final Map<String, TrackFacts> pool;
    private final Map<String, PlaylistFacts> playlists;
    private final Map<String, List<TrackAnalyzer.Appearance>> appearances = new HashMap<>();
    private final Map<String, List<TrackFacts>> tracksByArtist = new HashMap<>();
    private final Map<String, List<PlaylistFacts>> setsByDj = new HashMap<>();
    private final Map<String, Set<String>> creditsByTrack = new HashMap<>();

    public SilverSnapshot(Collection<TrackFacts> tracks, Collection<PlaylistFacts> playlists) {
        this(tracks, playlists, java.util.List.of());
    }

    /**
     * {@code candidatesOnly} are tracks loaded only as recommendation candidates (an incremental run's tempo
     * windows): they join the recommendation pool but are not indexed for artists or plays, which keeps an
     * update from parsing thousands of credits it does not need.
     */
    public SilverSnapshot(Collection<TrackFacts> tracks, Collection<PlaylistFacts> playlists, Collection<TrackFacts> candidatesOnly) {
        this.tracks = new HashMap<>(tracks.size() * 2);
        for (TrackFacts t : tracks) this.tracks.put(t.trackId(), t);
        if (candidatesOnly.isEmpty()) {
            this.pool = this.tracks;
        } else {
            this.pool = new HashMap<>(this.tracks);
            for (TrackFacts t : candidatesOnly) this.pool.putIfAbsent(t.trackId(), t);
        }
        this.playlists = new HashMap<>(playlists.size() * 2);
        for (PlaylistFacts p : playlists) this.playlists.put(p.playlistId(), p);
        for (PlaylistFacts p : playlists) {
            for (PlaylistFacts.Entry e : p.entries()) {
                appearances.computeIfAbsent(e.trackId(), k -> new ArrayList<>()).add(new TrackAnalyzer.Appearance(p.playlistId(), p.date()));
            }
            for (String dj : djArtists(p.dj())) setsByDj.computeIfAbsent(dj, k -> new ArrayList<>()).add(p);
        }
        for (TrackFacts t : tracks) {
            if (!t.identified()) continue;
            Set<String> credited = t.creditedArtists();
            creditsByTrack.put(t.trackId(), credited);
            for (String a : credited) tracksByArtist.computeIfAbsent(a, k -> new ArrayList<>()).add(t);
        }
    }

    /** The normalised artists behind a DJ credit; {@code A b2b B} and {@code A & B} are both artists. */
    public static Set<String> djArtists(String dj) {
        if (dj == null || dj.isBlank()) return Set.of();
        return new LinkedHashSet<>(TrackIdentity.parse(dj.replaceAll("(?i)\\s+b2b\\s+", " & "), "set").mainArtists());
    }

    public Map<String, TrackFacts> tracks() { return tracks; }

    public Map<String, PlaylistFacts> playlists() { return playlists; }

    /** Every loaded track, candidates-only ones included: what recommendations choose from. */
    public Map<String, TrackFacts> recommendationPool() { return pool; }

    public Map<String, List<TrackAnalyzer.Appearance>> appearances() { return appearances; }

    public List<TrackFacts> tracksOf(String artist) { return tracksByArtist.getOrDefault(artist, List.of()); }

    public List<PlaylistFacts> setsOf(String dj) { return setsByDj.getOrDefault(dj, List.of()); }

    /** Artists credited on an identified track; empty for unidentified or unknown tracks. */
    public Set<String> creditsOf(String trackId) { return creditsByTrack.getOrDefault(trackId, Set.of()); }

    /** Every artist with a credited track or a set among the loaded rows. */
    public Set<String> artists() {
        Set<String> all = new LinkedHashSet<>(tracksByArtist.keySet());
        all.addAll(setsByDj.keySet());
        return all;
    }
}
