package io.songnodes.analytics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Computes the gold rows of a scope from a silver snapshot; pure, so batch and incremental runs agree. */
public final class GoldCalculator {
    private GoldCalculator() {}

    public static Map<GoldTable, List<GoldRow>> compute(SilverSnapshot silver, GoldScope scope) {
        Map<GoldTable, List<GoldRow>> out = new EnumMap<>(GoldTable.class);
        for (GoldTable t : GoldTable.values()) out.put(t, new ArrayList<>());
        Map<String, TrackFacts> tracks = silver.tracks();

        Map<String, List<Transitions.Occurrence>> occurrences = new HashMap<>();
        for (PlaylistFacts p : silver.playlists().values()) occurrences.put(p.playlistId(), Transitions.of(p, tracks));

        Set<String> sources = scope.all() ? null : scope.transitionSources();
        Map<String, Map<String, List<Transitions.Occurrence>>> pairs = new HashMap<>();
        for (List<Transitions.Occurrence> list : occurrences.values()) {
            for (Transitions.Occurrence o : list) {
                if (sources != null && !sources.contains(o.fromTrackId())) continue;
                pairs.computeIfAbsent(o.fromTrackId(), k -> new TreeMap<>()).computeIfAbsent(o.toTrackId(), k -> new ArrayList<>()).add(o);
            }
        }
        for (Map.Entry<String, Map<String, List<Transitions.Occurrence>>> from : pairs.entrySet()) {
            for (Map.Entry<String, List<Transitions.Occurrence>> to : from.getValue().entrySet()) {
                out.get(GoldTable.TRACK_TRANSITIONS).add(Transitions.aggregate(tracks.get(from.getKey()), tracks.get(to.getKey()), to.getValue()));
            }
        }

        for (String id : scope.all() ? tracks.keySet() : scope.tracks()) {
            TrackFacts t = tracks.get(id);
            if (t == null) continue;
            out.get(GoldTable.TRACK_ANALYTICS).add(TrackAnalyzer.analyze(t, silver.appearances().getOrDefault(id, List.of())));
            for (String a : silver.creditsOf(id)) out.get(GoldTable.ARTIST_CREDITS).add(new Rows.ArtistCredit(a, Rows.ArtistCredit.TRACK, id));
        }

        for (String id : scope.all() ? silver.playlists().keySet() : scope.playlists()) {
            PlaylistFacts p = silver.playlists().get(id);
            if (p == null) continue;
            out.get(GoldTable.PLAYLIST_ANALYTICS).add(PlaylistAnalyzer.analyze(p, tracks, occurrences.get(id)));
            for (String dj : SilverSnapshot.djArtists(p.dj())) out.get(GoldTable.ARTIST_CREDITS).add(new Rows.ArtistCredit(dj, Rows.ArtistCredit.DJ, id));
        }

        for (String artist : scope.all() ? silver.artists() : scope.artists()) {
            List<TrackFacts> own = silver.tracksOf(artist);
            List<PlaylistFacts> sets = silver.setsOf(artist);
            if (own.isEmpty() && sets.isEmpty()) continue;
            out.get(GoldTable.ARTIST_ANALYTICS).add(ArtistAnalyzer.analyze(artist, own, silver.appearances(), sets, tracks));
        }

        Collection<String> recSources = scope.all() ? tracks.keySet() : scope.recommendationSources();
        Map<String, TrackFacts> pool = silver.recommendationPool();
        Recommender recommender = new Recommender(pool.values());
        for (String id : recSources) {
            TrackFacts t = pool.get(id);
            if (t != null) out.get(GoldTable.HARMONIC_RECOMMENDATIONS).addAll(recommender.recommend(t));
        }
        return out;
    }
}
