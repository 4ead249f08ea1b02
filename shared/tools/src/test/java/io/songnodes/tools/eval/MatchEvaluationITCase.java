package io.songnodes.tools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.waterfall.FallbackPlanner;
import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TestRedis;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.catalog.CatalogTrack;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The kit's tracks written every way {@link Variant} knows, matched through the real waterfall (the shipped
 * config, fallback searches included) against the simulator serving them with their near-misses: every class,
 * the one-letter slips included, keeps precision >= 0.995 and recall >= 0.95 on both Spotify and Beatport ids,
 * never matches another version of the song, and stays within the fallback budget; a track written as the
 * catalog writes it makes no fallback search at all.
 */
class MatchEvaluationITCase {
    private static final long SEED = 14;
    private static final double MIN_PRECISION = 0.995, MIN_RECALL = 0.95;

    @Test
    void everyVariantClassMatchesPreciselyAndWithoutVersionConfusions() {
        List<CatalogTrack> truth = CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"));
        try (TestRedis redis = new TestRedis()) {
            MatchEvaluation eval = new MatchEvaluation(truth, SEED, redis.uri(), redis.prefix());
            PrintWriter out = new PrintWriter(System.out, true);
            out.printf("match evaluation: %d kit tracks, catalog with near-misses %d tracks%n", truth.size(), eval.catalog().size());
            out.println(MatchEvaluation.header());
            List<MatchEvaluation.ClassResult> results = eval.run(Arrays.asList(Variant.values()), out);
            SoftAssertions soft = new SoftAssertions();
            for (MatchEvaluation.ClassResult r : results) {
                r.errors().forEach(e -> out.println("  " + e));
                String c = r.variant().label();
                soft.assertThat(r.tracks()).as("%s tracks", c).isGreaterThanOrEqualTo(r.variant() == Variant.JOINERS || r.variant() == Variant.FEATURING ? 5 : 40);
                soft.assertThat(r.spotify().precision()).as("%s spotify precision", c).isGreaterThanOrEqualTo(MIN_PRECISION);
                soft.assertThat(r.beatport().precision()).as("%s beatport precision", c).isGreaterThanOrEqualTo(MIN_PRECISION);
                soft.assertThat(r.spotify().recall()).as("%s spotify recall", c).isGreaterThanOrEqualTo(MIN_RECALL);
                soft.assertThat(r.beatport().recall()).as("%s beatport recall", c).isGreaterThanOrEqualTo(MIN_RECALL);
                soft.assertThat(r.fallbacksPerTrack()).as("%s fallback searches per track", c).isLessThanOrEqualTo(FallbackPlanner.MAX_PER_TRACK);
                if (r.variant() == Variant.CLEAN) soft.assertThat(r.fallbacksPerTrack()).as("fallbacks for tracks spelled right").isZero();
                soft.assertThat(r.versionConfusions()).as("%s version confusions", c).isZero();
            }
            soft.assertAll();
        }
    }
}
