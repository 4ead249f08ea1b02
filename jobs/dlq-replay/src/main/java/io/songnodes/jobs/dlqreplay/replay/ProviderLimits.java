package io.songnodes.jobs.dlqreplay.replay;

import io.songnodes.enrich.config.ProviderDefaults;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sustained request rates (per second) for the dry run's time estimate: the shared quota table's rates, with
 * per-provider overrides.
 */
public record ProviderLimits(Map<String, Double> perSecond) implements Serializable {
    public static final Map<String, Double> DEFAULTS = fromTable();

    private static Map<String, Double> fromTable() {
        Map<String, Double> m = new HashMap<>();
        ProviderDefaults.rates().forEach((p, r) -> m.put(p.id(), r.perSecond()));
        return Map.copyOf(m);
    }

    public ProviderLimits {
        perSecond = Map.copyOf(perSecond);
    }

    public static ProviderLimits defaults() { return new ProviderLimits(DEFAULTS); }

    /** The defaults with {@code name=rate} overrides; fails naming the option on a bad entry. */
    public static ProviderLimits withOverrides(Map<String, String> overrides, String option) {
        Map<String, Double> m = new TreeMap<>(DEFAULTS);
        overrides.forEach((k, v) -> {
            String name = k.trim().toLowerCase(java.util.Locale.ROOT);
            if (!DEFAULTS.containsKey(name)) throw new IllegalArgumentException(option + ": unknown provider '" + k + "', expected one of " + new TreeMap<>(DEFAULTS).keySet());
            double rate;
            try {
                rate = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": '" + v + "' for " + name + " is not a number");
            }
            if (!(rate > 0)) throw new IllegalArgumentException(option + ": the rate for " + name + " must be > 0");
            m.put(name, rate);
        });
        return new ProviderLimits(m);
    }

    public double rate(String provider) { return perSecond.getOrDefault(provider, 1.0); }

    public Iterable<String> providers() { return new TreeMap<>(perSecond).keySet(); }
}
