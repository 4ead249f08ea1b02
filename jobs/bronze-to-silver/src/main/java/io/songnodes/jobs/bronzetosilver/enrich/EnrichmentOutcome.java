package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.enrich.waterfall.DeadLetterAdvice;
import io.songnodes.model.ErrorType;
import java.io.Serializable;

/** Whether a track's enrichment reached silver, and if not why: what coalesced plays of the track wait for. */
public record EnrichmentOutcome(String trackId, ErrorType failure, String provider, String field, String reason) implements Serializable {
    public boolean succeeded() { return failure == null; }

    /** The same decision {@link RouteFunction} takes: a result without dead-letter advice goes to silver. */
    public static EnrichmentOutcome of(Enriched e) {
        String track = e.message().trackId();
        if (e.failure() != null) return new EnrichmentOutcome(track, e.failure(), null, null, e.reason());
        DeadLetterAdvice a = e.advice();
        if (a != null) return new EnrichmentOutcome(track, a.errorType(), a.provider(), a.field(), a.reason());
        return new EnrichmentOutcome(track, null, null, null, null);
    }
}
