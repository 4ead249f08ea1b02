package io.songnodes.enrich.scoring;

import java.io.Serializable;
import java.time.Duration;

/**
 * Tunables of candidate scoring.
 *
 * @param ambiguityMargin      no winner when the best two candidates (of different recordings) are closer than this
 * @param durationTolerance    durations closer than this count as equal (providers round and trim silence differently)
 * @param chainMinConfidence   a matched candidate's ids and ISRC are passed to later providers only at or above this
 * @param fallbackSearches     extra searches one track may make when a search finds no confident match (0: none; 4 by default,
 *                             see {@code FallbackPlanner})
 */
public record ScoringSettings(double ambiguityMargin, Duration durationTolerance, double chainMinConfidence, int fallbackSearches) implements Serializable {
    public static final ScoringSettings DEFAULTS = new ScoringSettings(0.05, Duration.ofSeconds(10), 0.85, 4);
    /** Upper bound of {@code fallbackSearches}: a few, never a crawl. */
    public static final int MAX_FALLBACK_SEARCHES = 6;

    public ScoringSettings(double ambiguityMargin, Duration durationTolerance, double chainMinConfidence) {
        this(ambiguityMargin, durationTolerance, chainMinConfidence, DEFAULTS.fallbackSearches());
    }

    public ScoringSettings withFallbackSearches(int n) { return new ScoringSettings(ambiguityMargin, durationTolerance, chainMinConfidence, n); }

    public ScoringSettings {
        if (ambiguityMargin < 0 || ambiguityMargin > 1) throw new IllegalArgumentException("ambiguityMargin must be in [0,1]");
        if (durationTolerance == null || durationTolerance.isNegative()) throw new IllegalArgumentException("durationTolerance must be >= 0");
        if (chainMinConfidence < 0 || chainMinConfidence > 1) throw new IllegalArgumentException("chainMinConfidence must be in [0,1]");
        if (fallbackSearches < 0 || fallbackSearches > MAX_FALLBACK_SEARCHES)
            throw new IllegalArgumentException("fallbackSearches must be in [0," + MAX_FALLBACK_SEARCHES + "]");
    }
}
