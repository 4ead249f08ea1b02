package io.songnodes.enrich.scoring;

import java.io.Serializable;
import java.util.List;

/**
 * The outcome of scoring one provider's candidates: every candidate ranked best first, and the winner,
 * which is null when there were no candidates, when the best scored 0, or when the best two are
 * different songs closer than the ambiguity margin (and the best reaches {@link CandidateScorer#AMBIGUITY_FLOOR}).
 */
public record Selection(ScoredCandidate winner, List<ScoredCandidate> ranked, boolean ambiguous, String reason) implements Serializable {
    public Selection {
        ranked = List.copyOf(ranked);
    }

    public boolean hasWinner() { return winner != null; }
}
