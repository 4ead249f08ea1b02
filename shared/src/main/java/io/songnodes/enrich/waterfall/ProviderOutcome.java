package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderName;
import java.io.Serializable;
import java.time.Instant;

/**
 * How one provider took part in a track's waterfall. A provider appears at most once: it is asked at most once.
 *
 * @param status      what happened
 * @param errorKind   for {@code FAILED} and {@code BREAKER_OPEN}, the error class, else null
 * @param candidates  how many candidates it returned
 * @param matchedId   the record id of its matched candidate, or null
 * @param confidence  the matched candidate's confidence, or 0
 */
public record ProviderOutcome(ProviderName provider, Status status, ProviderException.Kind errorKind, String message,
                              int candidates, String matchedId, double confidence, boolean ambiguous, Instant at) implements Serializable {

    /**
     * {@code ANSWERED}: returned candidates; {@code NOT_FOUND}: answered with nothing; {@code DISABLED}: never asked;
     * {@code BUDGET}: not asked, its monthly budget is spent (not an error: its fields go to the next provider).
     */
    public enum Status { ANSWERED, NOT_FOUND, FAILED, BREAKER_OPEN, DISABLED, BUDGET }

    /** True for an error that stopped this provider from answering (not "nothing found", not switched off). */
    public boolean isError() { return status == Status.FAILED || status == Status.BREAKER_OPEN; }
}
