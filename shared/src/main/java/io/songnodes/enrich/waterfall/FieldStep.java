package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.ProviderName;
import java.io.Serializable;

/**
 * One step of a field's waterfall, for explanation: {@code rule} is "bpm[2]=deezer", the outcome says
 * whether that provider won the field and if not why.
 */
public record FieldStep(String field, String rule, ProviderName provider, Outcome outcome, double confidence, String detail) implements Serializable {

    public enum Outcome { WON, BELOW_MIN_CONFIDENCE, NO_VALUE, NO_MATCH, AMBIGUOUS, PROVIDER_FAILED, PROVIDER_DISABLED, PROVIDER_BUDGET }
}
