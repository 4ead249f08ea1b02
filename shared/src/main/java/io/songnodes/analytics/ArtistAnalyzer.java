package io.songnodes.analytics;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Artist analytics, for credited artists and for DJs alike (a DJ is the artist of their sets). Top
 * genres are the five most frequent genres over the artist's own tracks and the tracks played in their
 * sets, each track counted once, ties alphabetical. First and last seen span the sets that played their
 * tracks and the sets they played.
 */
public final class ArtistAnalyzer {
    public static final int TOP_GENRES = 5;

    private ArtistAnalyzer() {}

    public static Rows.ArtistAnalytics analyze(String artist, Collection<TrackFacts> ownTracks,
                                               Map<String, List<TrackAnalyzer.Appearance>> appearancesByTrack,
                                               Collection<PlaylistFacts> djSets, Map<String, TrackFacts> tracks) {
        int appearances = 0;
        Set<String> sets = new HashSet<>();
        LocalDate[] span = new LocalDate[2];
        Set<String> genreTracks = new HashSet<>();
        TreeMap<String, Integer> genreCounts = new TreeMap<>();
        for (TrackFacts t : ownTracks) {
            List<TrackAnalyzer.Appearance> plays = appearancesByTrack.getOrDefault(t.trackId(), List.of());
            appearances += plays.size();
            for (TrackAnalyzer.Appearance a : plays) {
                sets.add(a.playlistId());
                widen(span, a.date());
            }
            countGenres(t, genreTracks, genreCounts);
        }
        for (PlaylistFacts set : djSets) {
            widen(span, set.date());
            for (PlaylistFacts.Entry e : set.entries()) {
                TrackFacts t = tracks.get(e.trackId());
                if (t != null && t.identified()) countGenres(t, genreTracks, genreCounts);
            }
        }
        List<String> top = genreCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_GENRES).map(Map.Entry::getKey).toList();
        return new Rows.ArtistAnalytics(artist, ownTracks.size(), appearances, sets.size(), djSets.size(), top, span[0], span[1]);
    }

    private static void countGenres(TrackFacts t, Set<String> counted, Map<String, Integer> counts) {
        if (!counted.add(t.trackId())) return;
        for (String g : new HashSet<>(t.genres())) counts.merge(g, 1, Integer::sum);
    }

    private static void widen(LocalDate[] span, LocalDate d) {
        if (d == null) return;
        if (span[0] == null || d.isBefore(span[0])) span[0] = d;
        if (span[1] == null || d.isAfter(span[1])) span[1] = d;
    }
}
