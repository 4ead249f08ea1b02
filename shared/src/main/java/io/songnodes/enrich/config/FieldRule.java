package io.songnodes.enrich.config;

import io.songnodes.enrich.ProviderName;
import java.io.Serializable;
import java.util.List;

/**
 * One field's waterfall: providers in the order they are asked, the confidence a match needs, the mode, and for
 * {@code append} when the field has enough: {@code maxValues} values (the union is cut to that many) or
 * {@code minProviders} contributing providers, whichever comes first; 0 means no such bound.
 */
public record FieldRule(EnrichField field, List<ProviderName> providers, double minConfidence, FieldMode mode,
                        int maxValues, int minProviders) implements Serializable {
    public FieldRule {
        providers = List.copyOf(providers);
        if (maxValues < 0 || minProviders < 0) throw new IllegalArgumentException("max_values and min_providers must be >= 0");
    }

    public FieldRule(EnrichField field, List<ProviderName> providers, double minConfidence, FieldMode mode) {
        this(field, providers, minConfidence, mode, 0, 0);
    }

    /** Whether an append field holding {@code values} values from {@code providers} contributors needs no more. */
    public boolean enough(int values, int providers) {
        return maxValues > 0 && values >= maxValues || minProviders > 0 && providers >= minProviders;
    }
}
