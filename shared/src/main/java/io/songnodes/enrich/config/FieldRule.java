package io.songnodes.enrich.config;

import io.songnodes.enrich.ProviderName;
import java.io.Serializable;
import java.util.List;

/** One field's waterfall: providers in the order they are asked, the confidence a match needs, and the mode. */
public record FieldRule(EnrichField field, List<ProviderName> providers, double minConfidence, FieldMode mode) implements Serializable {
    public FieldRule {
        providers = List.copyOf(providers);
    }
}
