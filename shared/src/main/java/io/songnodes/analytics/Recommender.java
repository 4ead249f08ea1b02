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

    /** Candidates of one key, sorted by tempo for a band search; energies NaN where unknown. */
    private record Band(double[] bpms, double[] energies, TrackFacts[] tracks) {}

    private final Map<CamelotKey, Band> byKey = new HashMap<>();

    /** Indexes {@code tracks}; a caller recomputing only some tracks must pass every track within their windows. */
    public Recommender(Collection<TrackFacts> tracks) {
        Map<CamelotKey, List<TrackFacts>> lists = new HashMap<>();
        for (TrackFacts t : tracks) if (eligible(t)) lists.computeIfAbsent(t.camelot(), k -> new ArrayList<>()).add(t);
        for (Map.Entry<CamelotKey, List<TrackFacts>> e : lists.entrySet()) {
            TrackFacts[] arr = e.getValue().toArray(TrackFacts[]::new);
            Arrays.sort(arr, Comparator.comparingDouble(TrackFacts::bpm).thenComparing(TrackFacts::trackId));
            double[] bpms = new double[arr.length];
            double[] energies = new double[arr.length];
            for (int i = 0; i < arr.length; i++) {
                bpms[i] = arr[i].bpm();
                energies[i] = arr[i].energy() == null ? Double.NaN : arr[i].energy();
            }
            byKey.put(e.getKey(), new Band(bpms, energies, arr));
        }
    }

    /** True for tracks that can be recommended or get recommendations. */
    public static boolean eligible(TrackFacts t) {
        return t.identified() && t.bpm() != null && t.camelot() != null;
    }

    /** The recommendations for {@code x}, best first; empty when {@code x} is not eligible. */
    public List<Rows.Recommendation> recommend(TrackFacts x) {
        if (!eligible(x)) return List.of();
        // a bounded insertion list instead of sorting every candidate: bands hold thousands of tracks
        TrackFacts[] best = new TrackFacts[TOP_N];
        double[] scores = new double[TOP_N];
        int n = 0;
        double xb = x.bpm();
        double xe = x.energy() == null ? Double.NaN : x.energy();
        // the inner loop runs per candidate (thousands per track): primitive arithmetic in the same factor
        // order as Harmony.transitionQuality, so scores are bit-identical to it
        for (CamelotKey k : x.camelot().compatibleKeys()) {
            Band band = byKey.get(k);
            if (band == null) continue;
            double keyFactor = Harmony.compatibility(x.camelot(), k);
            double[] bpms = band.bpms();
            for (int i = lowerBound(bpms, xb - BPM_WINDOW); i < bpms.length && bpms[i] <= xb + BPM_WINDOW; i++) {
                double bpmFactor = 1.0 - Math.min(Math.abs(bpms[i] - xb) / Harmony.BPM_SPAN, 1.0);
                if (n == TOP_N && bpmFactor * keyFactor < scores[n - 1]) continue; // cannot enter the top N
                TrackFacts y = band.tracks()[i];
                if (y == x || y.trackId().equals(x.trackId())) continue;
                double ye = band.energies()[i];
                double energyFactor = Double.isNaN(xe) || Double.isNaN(ye) ? Harmony.UNKNOWN_ENERGY_FACTOR : 1.0 - Math.min(Math.abs(ye - xe), 1.0);
                double score = bpmFactor * keyFactor * energyFactor;
                if (n == TOP_N && !better(score, y, scores[n - 1], best[n - 1])) continue;
                int at = n < TOP_N ? n++ : TOP_N - 1;
                while (at > 0 && better(score, y, scores[at - 1], best[at - 1])) {
                    scores[at] = scores[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                scores[at] = score;
                best[at] = y;
            }
        }
        List<Rows.Recommendation> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            TrackFacts y = best[r];
            out.add(new Rows.Recommendation(x.trackId(), r + 1, y.trackId(), scores[r], Harmony.compatibility(x.camelot(), y.camelot()),
                    y.bpm() - x.bpm(), x.energy() == null || y.energy() == null ? null : y.energy() - x.energy()));
        }
        return out;
    }

    /** Higher score first; equal scores by track id, so the order never depends on input order. */
    private static boolean better(double score, TrackFacts t, double otherScore, TrackFacts other) {
        return score > otherScore || (score == otherScore && t.trackId().compareTo(other.trackId()) < 0);
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
