package io.songnodes.enrich.config;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.scoring.ScoringSettings;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The validated, immutable waterfall configuration (docs/contracts.md §5). {@code fields} keeps the YAML order,
 * which is the order the engine works through fields; {@code providers} holds settings for every provider
 * (built-in {@link ProviderDefaults} for those the YAML or the caller leaves out). Load it with {@link WaterfallConfigLoader}.
 */
public record WaterfallConfig(Map<EnrichField, FieldRule> fields, Map<ProviderName, ProviderConfig> providers,
                              ScoringSettings scoring, String userAgent) implements Serializable {

    public WaterfallConfig {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        EnumMap<ProviderName, ProviderConfig> all = new EnumMap<>(ProviderName.class);
        for (ProviderName p : ProviderName.values()) all.put(p, ProviderDefaults.of(p));
        all.putAll(providers);
        providers = Collections.unmodifiableMap(all);
    }

    public ProviderConfig provider(ProviderName p) { return providers.get(p); }

    public FieldRule field(EnrichField f) { return fields.get(f); }

    /** The config shipped in the jar ({@code waterfall.yaml}). */
    public static WaterfallConfig defaults() { return WaterfallConfigLoader.loadDefault(); }

    public static WaterfallConfig load(Path file) { return WaterfallConfigLoader.load(file); }

    public static WaterfallConfig parse(String yaml) { return WaterfallConfigLoader.parse(yaml, "<string>"); }
}
