package io.songnodes.enrich.waterfall;

import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.SilverTrack;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One track's waterfall: the silver record (every filled field with provenance), how each provider took
 * part, every field step, the candidates turned down with their scores, and dead-letter advice for the job.
 * {@code status} and {@code qualityScore} repeat the silver record's columns.
 */
public record EnrichmentResult(SilverTrack silver, EnrichmentStatus status, double qualityScore,
                               List<ProviderOutcome> providers, List<FieldStep> steps, List<Rejection> rejected,
                               DeadLetterAdvice deadLetterAdvice) implements Serializable {
    public EnrichmentResult {
        // copies: the run that built these lists must not change the result afterwards
        providers = new ArrayList<>(providers);
        steps = new ArrayList<>(steps);
        rejected = new ArrayList<>(rejected);
    }

    /** Present when the job should dead-letter the bronze message for a replay. */
    public Optional<DeadLetterAdvice> deadLetter() { return Optional.ofNullable(deadLetterAdvice); }

    /** Providers that were actually asked (each at most once). */
    public long providersAsked() {
        return providers.stream().filter(p -> p.status() != ProviderOutcome.Status.DISABLED && p.status() != ProviderOutcome.Status.BUDGET).count();
    }
}
