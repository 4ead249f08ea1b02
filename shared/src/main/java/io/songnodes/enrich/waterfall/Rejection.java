package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.scoring.MatchScore;
import java.io.Serializable;

/** A candidate that won no field, with its score and why, so a user can see what the waterfall turned down. */
public record Rejection(ProviderName provider, String recordId, String candidate, MatchScore score, String reason) implements Serializable {
    public double confidence() { return score.confidence(); }
}
