package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.scoring.CandidateBuilder;
import io.songnodes.enrich.scoring.CandidateScorer;
import io.songnodes.enrich.scoring.MatchTarget;
import io.songnodes.enrich.scoring.ScoringSettings;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.testing.TracklistFixtures.Row;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints scoring and waterfall throughput on the kit's real rows (CPU only: the gateway answers from
 * memory). Run: {@code mvn -pl shared test-compile exec:java} or from the IDE; not a test.
 */
public final class WaterfallBenchmark {
    public static void main(String[] args) {
        List<Row> rows = TracklistFixtures.all1001();
        List<MatchTarget> targets = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        for (Row r : rows) {
            targets.add(MatchTarget.of(r.bronze().artist(), r.bronze().title()));
            candidates.add(CandidateBuilder.of("spotify", "x" + candidates.size(), r.bronze().title(),
                    r.bronze().artist().split(" & ")).duration(r.durationMs()).build());
        }
        CandidateScorer scorer = new CandidateScorer(ScoringSettings.DEFAULTS);
        double sink = 0;
        for (int warm = 0; warm < 3; warm++) for (MatchTarget t : targets) for (Candidate c : candidates) sink += scorer.score(t, c).confidence();
        long t0 = System.nanoTime();
        int rounds = 5;
        for (int i = 0; i < rounds; i++) for (MatchTarget t : targets) for (Candidate c : candidates) sink += scorer.score(t, c).confidence();
        double secs = (System.nanoTime() - t0) / 1e9;
        long pairs = (long) rounds * targets.size() * candidates.size();
        System.out.printf("scoring: %d pairs in %.2f s = %.0f candidates/s (checksum %.1f)%n", pairs, secs, pairs / secs, sink);

        // a 10-candidate search answer per provider, as Spotify's dev-mode limit gives
        FakeGateway g = new FakeGateway();
        for (ProviderName p : ProviderName.values()) g.answer(p, q -> candidates.subList(0, 10));
        Waterfall w = new Waterfall(WaterfallConfig.defaults());
        List<TrackInput> inputs = rows.stream().map(r -> TrackInput.of(r.bronze().artist(), r.bronze().title())).toList();
        for (int warm = 0; warm < 3; warm++) for (TrackInput in : inputs) w.enrich(in, g, EnrichmentListener.NONE, Clock.systemUTC());
        t0 = System.nanoTime();
        int tracks = 0;
        for (int i = 0; i < 20; i++) for (TrackInput in : inputs) { w.enrich(in, g, EnrichmentListener.NONE, Clock.systemUTC()); tracks++; }
        secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("waterfall: %d tracks in %.2f s = %.0f tracks/s (6 providers x 10 candidates each, in memory)%n", tracks, secs, tracks / secs);
    }
}
