package io.songnodes.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.songnodes.music.KeyNames;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecommenderTest {
    private static final Completeness NONE = Completeness.ofCounts(0, 0, 0);

    private static TrackFacts t(String id, Double bpm, String key, Double energy) {
        return new TrackFacts(id, "A", id, bpm, key, key == null ? null : KeyNames.require(key), energy, List.of(), "completed", 0.9, NONE);
    }

    @Test
    void ranksCompatibleTracksInTheTempoWindowByTransitionQuality() {
        TrackFacts x = t("x", 128.0, "8A", 0.7);
        List<TrackFacts> all = List.of(x,
                t("same", 128.0, "8A", 0.7),        // 1.0
                t("up", 126.0, "9A", 0.8),          // 0.9 * 0.9 * 0.9 = 0.729
                t("rel", 128.0, "8B", 0.7),         // 0.85
                t("far-key", 128.0, "10A", 0.7),    // two steps: not a candidate
                t("far-bpm", 137.0, "8A", 0.7),     // outside 8 BPM
                t("edge", 136.0, "8A", 0.7),        // 0.6
                t("no-energy", 128.0, "7A", null),  // 1 * 0.9 * 0.5 = 0.45
                t("no-bpm", null, "8A", 0.7),       // not eligible
                t("unk_1", 128.0, "8A", 0.7));      // unidentified
        List<Rows.Recommendation> recs = new Recommender(all).recommend(x);
        assertThat(recs).extracting(Rows.Recommendation::recommendedTrackId).containsExactly("same", "rel", "up", "edge", "no-energy");
        assertThat(recs).extracting(Rows.Recommendation::rank).containsExactly(1, 2, 3, 4, 5);
        assertThat(recs.get(2).score()).isCloseTo(0.729, within(1e-12));
        assertThat(recs.get(2).bpmDelta()).isEqualTo(-2.0);
        assertThat(recs.get(4).energyDelta()).isNull();
    }

    @Test
    void keepsTheTopTenWithTiesBrokenByTrackId() {
        List<TrackFacts> all = new ArrayList<>();
        all.add(t("x", 120.0, "1B", 0.5));
        for (int i = 0; i < 15; i++) all.add(t("t" + (char) ('a' + i), 120.0, "1B", 0.5));
        List<Rows.Recommendation> recs = new Recommender(all).recommend(all.get(0));
        assertThat(recs).hasSize(Recommender.TOP_N);
        assertThat(recs.get(0).recommendedTrackId()).isEqualTo("ta");
        assertThat(recs.get(9).recommendedTrackId()).isEqualTo("tj");
        assertThat(new Recommender(all).recommend(t("nokey", 120.0, null, 0.5))).isEmpty();
    }

    @Test
    void scoresAreExactlyTheTransitionQuality() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        List<TrackFacts> all = new ArrayList<>();
        String[] keys = {"8A", "9A", "7A", "8B"};
        for (int i = 0; i < 300; i++) {
            all.add(t("t" + i, 120 + rnd.nextDouble() * 10, keys[rnd.nextInt(4)], rnd.nextInt(5) == 0 ? null : rnd.nextDouble()));
        }
        Recommender r = new Recommender(all);
        java.util.Map<String, TrackFacts> byId = new java.util.HashMap<>();
        all.forEach(t -> byId.put(t.trackId(), t));
        for (TrackFacts x : all.subList(0, 50)) {
            List<Rows.Recommendation> recs = r.recommend(x);
            assertThat(recs).hasSize(Recommender.TOP_N);
            for (Rows.Recommendation rec : recs) {
                assertThat(rec.score()).isEqualTo(Transitions.quality(x, byId.get(rec.recommendedTrackId())));
            }
            // brute force: every candidate scored and sorted
            List<String> expected = all.stream()
                    .filter(y -> y != x && x.camelot().compatibleKeys().contains(y.camelot()) && Math.abs(y.bpm() - x.bpm()) <= Recommender.BPM_WINDOW)
                    .sorted(java.util.Comparator.comparingDouble((TrackFacts y) -> Transitions.quality(x, y)).reversed().thenComparing(TrackFacts::trackId))
                    .limit(Recommender.TOP_N).map(TrackFacts::trackId).toList();
            assertThat(recs).extracting(Rows.Recommendation::recommendedTrackId).containsExactlyElementsOf(expected);
        }
    }
}
