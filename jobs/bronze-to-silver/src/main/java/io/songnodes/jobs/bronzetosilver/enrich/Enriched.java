package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.model.ErrorType;
import java.io.Serializable;

/**
 * What the async enrichment returns for one message: a waterfall result, or a failure that never reached
 * the waterfall's end (a timeout, a bug). Failures are values, never exceptions, so the job does not restart.
 */
public record Enriched(BronzeMessage message, EnrichmentResult result, ErrorType failure, String reason, long startedNanos)
        implements Serializable {

    public static Enriched ok(BronzeMessage m, EnrichmentResult r, long started) { return new Enriched(m, r, null, null, started); }

    public static Enriched failed(BronzeMessage m, ErrorType type, String reason, long started) {
        return new Enriched(m, null, type, reason, started);
    }
}
