package io.songnodes.analytics;

import io.songnodes.music.CamelotKey;
import io.songnodes.music.Harmony;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Harmonic recommendations: for a track X, the next tracks Y that mix best after it.
 * Candidates are identified tracks with a known key and tempo, in a key compatible with X's
 * (same, ±1 on the same letter, or relative: {@link CamelotKey#compatibleKeys()}) and within
 * {@value #BPM_WINDOW} BPM of X. Score = the transition quality of X → Y
 * ({@link Harmony#transitionQuality}: BPM closeness × key compatibility × energy closeness, with the
 * documented neutral factor for an unknown energy). The top {@value #TOP_N} by score are kept, ties
 * broken by track id, so the result is bounded and deterministic.
 */
public final class Recommender {
    public static final double BPM_WINDOW = 8.0;
    public static final int TOP_N = 10;

    /** Candidates of one key, sorted by tempo for a band search. */
    private record Band(double[] bpms, TrackFacts[] tracks) {}

    private final Map<CamelotKey, Band> byKey = new HashMap<>();

    /** Indexes {@code tracks}; a caller recomputing only some tracks must pass every track within their windows. */
    public Recommender(Collection<TrackFacts> tracks) {
        Map<CamelotKey, List<TrackFacts>> lists = new HashMap<>();
        for (TrackFacts t : tracks) if (eligible(t)) lists.computeIfAbsent(t.camelot(), k -> new ArrayList<>()).add(t);
        for (Map.Entry<CamelotKey, List<TrackFacts>> e : lists.entrySet()) {
            TrackFacts[] arr = e.getValue().toArray(TrackFacts[]::new);
            Arrays.sort(arr, Comparator.comparingDouble(TrackFacts::bpm).thenComparing(TrackFacts::trackId));
            double[] bpms = new double[arr.length];
            for (int i = 0; i < arr.length; i++) bpms[i] = arr[i].bpm();
            byKey.put(e.getKey(), new Band(bpms, arr));
        }
    }

    /** True for tracks that can be recommended or get recommendations. */
    public static boolean eligible(TrackFacts t) {
        return t.identified() && t.bpm() != null && t.camelot() != null;
    }

    private record Scored(TrackFacts track, double score) {}

    /** The recommendations for {@code x}, best first; empty when {@code x} is not eligible. */
    public List<Rows.Recommendation> recommend(TrackFacts x) {
        if (!eligible(x)) return List.of();
        List<Scored> scored = new ArrayList<>();
        for (CamelotKey k : x.camelot().compatibleKeys()) {
            Band band = byKey.get(k);
            if (band == null) continue;
            int i = lowerBound(band.bpms(), x.bpm() - BPM_WINDOW);
            for (; i < band.bpms().length && band.bpms()[i] <= x.bpm() + BPM_WINDOW; i++) {
                TrackFacts y = band.tracks()[i];
                if (!y.trackId().equals(x.trackId())) scored.add(new Scored(y, Transitions.quality(x, y)));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparing(s -> s.track().trackId()));
        List<Rows.Recommendation> out = new ArrayList<>(Math.min(TOP_N, scored.size()));
        for (int r = 0; r < scored.size() && r < TOP_N; r++) {
            TrackFacts y = scored.get(r).track();
            out.add(new Rows.Recommendation(x.trackId(), r + 1, y.trackId(), scored.get(r).score(),
                    Harmony.compatibility(x.camelot(), y.camelot()), y.bpm() - x.bpm(),
                    x.energy() == null || y.energy() == null ? null : y.energy() - x.energy()));
        }
        return out;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
