package io.songnodes.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Set analytics. Averages are over identified rows with a known value (a track played twice counts
 * twice); the energy curve has one point per position (mean of its rows, null when unknown); key
 * changes, transition count and harmonic flow (mean transition quality) are over the set's transitions
 * as {@link Transitions} defines them; the genre distribution is the share of identified rows with
 * genres that carry each genre.
 */
public final class PlaylistAnalyzer {
    private PlaylistAnalyzer() {}

    public static Rows.PlaylistAnalytics analyze(PlaylistFacts set, Map<String, TrackFacts> tracks, List<Transitions.Occurrence> transitions) {
        int identified = 0;
        double bpmSum = 0;
        int bpmN = 0;
        double energySum = 0;
        int energyN = 0;
        int withGenres = 0;
        TreeMap<String, Integer> genreCounts = new TreeMap<>();
        for (PlaylistFacts.Entry e : set.entries()) {
            TrackFacts t = tracks.get(e.trackId());
            if (t == null || !t.identified()) continue;
            identified++;
            if (t.bpm() != null) { bpmSum += t.bpm(); bpmN++; }
            if (t.energy() != null) { energySum += t.energy(); energyN++; }
            if (!t.genres().isEmpty()) {
                withGenres++;
                for (String g : new TreeSet<>(t.genres())) genreCounts.merge(g, 1, Integer::sum);
            }
        }
        SortedMap<String, Double> genres = new TreeMap<>();
        for (Map.Entry<String, Integer> g : genreCounts.entrySet()) genres.put(g.getKey(), (double) g.getValue() / withGenres);

        List<Double> curve = new ArrayList<>();
        for (List<PlaylistFacts.Entry> group : set.byPosition().values()) {
            double sum = 0;
            int n = 0;
            for (PlaylistFacts.Entry e : group) {
                TrackFacts t = tracks.get(e.trackId());
                if (t != null && t.identified() && t.energy() != null) { sum += t.energy(); n++; }
            }
            curve.add(n == 0 ? null : sum / n);
        }

        int keyChanges = 0;
        double qualitySum = 0;
        for (Transitions.Occurrence o : transitions) {
            TrackFacts from = tracks.get(o.fromTrackId());
            TrackFacts to = tracks.get(o.toTrackId());
            if (from.camelot() != null && to.camelot() != null && !from.camelot().equals(to.camelot())) keyChanges++;
            qualitySum += Transitions.quality(from, to);
        }
        int rows = set.entries().size();
        return new Rows.PlaylistAnalytics(set.playlistId(), set.name(), set.dj(), set.event(), set.date(), rows, identified,
                rows == 0 ? 0.0 : (double) identified / rows, bpmN == 0 ? null : bpmSum / bpmN,
                energyN == 0 ? null : energySum / energyN, curve, keyChanges, transitions.size(),
                transitions.isEmpty() ? null : qualitySum / transitions.size(), genres, set.trackIds());
    }
}
