package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.enrich.waterfall.DeadLetterAdvice;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.ErrorType;
import io.songnodes.model.SilverTrack;
import java.io.Serializable;

/**
 * What the async enrichment returns for one message: the parts of a waterfall result the job acts on (the silver row,
 * its status, dead-letter advice, how many providers were asked), or a failure that never reached the waterfall's end
 * (a timeout, a bug). Failures are values, never exceptions, so the job does not restart. The waterfall's explanation
 * (steps, rejected candidates) stays behind: it would only be copied between operators and never read.
 */
public record Enriched(BronzeMessage message, SilverTrack silver, EnrichmentStatus status, DeadLetterAdvice advice, int providersAsked,
                       ErrorType failure, String reason, long startedNanos) implements Serializable {

    public static Enriched ok(BronzeMessage m, EnrichmentResult r, long started) {
        return new Enriched(m, r.silver(), r.status(), r.deadLetter().orElse(null), (int) r.providersAsked(), null, null, started);
    }

    public static Enriched failed(BronzeMessage m, ErrorType type, String reason, long started) {
        return new Enriched(m, null, null, null, 0, type, reason, started);
    }
}
