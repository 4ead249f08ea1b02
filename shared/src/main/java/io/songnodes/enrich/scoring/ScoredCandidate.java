package io.songnodes.enrich.scoring;

import io.songnodes.enrich.Candidate;
import java.io.Serializable;

/** A candidate with its score. */
public record ScoredCandidate(Candidate candidate, MatchScore score) implements Serializable {
    public double confidence() { return score.confidence(); }
}
