package io.songnodes.enrich.config;

import io.songnodes.config.ConfigException;
import io.songnodes.config.Durations;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.scoring.ScoringSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads waterfall YAML into a {@link WaterfallConfig}, collecting every problem with its key path
 * ({@code fields.bpm.min_confidence: must be in [0,1], was 1.5}) before failing, so one run shows them all.
 * Jackson only parses the tree: validation is by hand because bean validation reports Java property
 * names, not the YAML keys the user wrote.
 */
public final class WaterfallConfigLoader {
    public static final String DEFAULT_RESOURCE = "/waterfall.yaml";

    private static final List<String> TOP_KEYS = List.of("fields", "providers", "scoring", "user_agent");
    private static final List<String> FIELD_KEYS = List.of("providers", "min_confidence", "mode", "max_values", "min_providers");
    private static final List<String> PROVIDER_KEYS = List.of("rate", "burst", "timeout", "cache_ttl", "negative_cache_ttl",
            "cost_per_call_usd", "monthly_budget_usd", "base_url", "auth_url", "enabled", "freshness_ttl");
    private static final List<String> SCORING_KEYS = List.of("ambiguity_margin", "duration_tolerance", "chain_min_confidence", "fallback_searches");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final List<String> errors = new ArrayList<>();

    private WaterfallConfigLoader() {}

    public static WaterfallConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("<file>: cannot read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    public static WaterfallConfig loadDefault() {
        try (InputStream in = WaterfallConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates; {@code source} names the document in the error message. */
    public static WaterfallConfig parse(String yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigException(source, List.of("<document>: not valid YAML" + where + ": " + e.getOriginalMessage()));
        }
        WaterfallConfigLoader l = new WaterfallConfigLoader();
        WaterfallConfig config = l.read(root);
        if (!l.errors.isEmpty()) throw new ConfigException(source, l.errors);
        return config;
    }

    private WaterfallConfig read(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull() || !root.isObject()) {
            errors.add("<document>: must be a mapping with a 'fields' key");
            return null;
        }
        unknownKeys(root, "", TOP_KEYS);
        Map<ProviderName, ProviderConfig> providers = new EnumMap<>(ProviderName.class);
        for (ProviderName p : ProviderName.values()) providers.put(p, ProviderDefaults.of(p));
        JsonNode ps = root.get("providers");
        if (ps != null && !ps.isNull()) {
            if (!ps.isObject()) errors.add("providers: must be a mapping of provider name to settings");
            else ps.fields().forEachRemaining(e -> provider(e.getKey(), e.getValue()).ifPresent(s -> providers.put(s.provider(), s)));
        }
        Map<EnrichField, FieldRule> fields = new LinkedHashMap<>();
        JsonNode fs = root.get("fields");
        if (fs == null || fs.isNull()) errors.add("fields: is required");
        else if (!fs.isObject() || fs.isEmpty()) errors.add("fields: must be a non-empty mapping of field name to rule");
        else fs.fields().forEachRemaining(e -> field(e.getKey(), e.getValue(), fields));
        ScoringSettings scoring = scoring(root.get("scoring"));
        String userAgent = null;
        JsonNode ua = root.get("user_agent");
        if (ua != null && !ua.isNull()) {
            if (!ua.isTextual() || ua.asText().isBlank()) errors.add("user_agent: must be a non-empty string, was " + ua);
            else userAgent = ua.asText();
        }
        return errors.isEmpty() ? new WaterfallConfig(fields, providers, scoring, userAgent) : null;
    }

    private void field(String name, JsonNode node, Map<EnrichField, FieldRule> into) {
        String path = "fields." + name;
        Optional<EnrichField> f = EnrichField.of(name);
        if (f.isEmpty()) {
            errors.add(path + ": unknown field '" + name + "'" + (name.equals("camelot_key") ? " (it is derived from key; configure key)" : "")
                    + "; known fields: " + String.join(", ", EnrichField.configNames()));
            return;
        }
        if (into.containsKey(f.get())) {
            errors.add(path + ": field " + f.get().configName() + " is configured twice");
            return;
        }
        if (!node.isObject()) {
            errors.add(path + ": must be a mapping like { providers: [...], min_confidence: 0.8 }");
            return;
        }
        unknownKeys(node, path + ".", FIELD_KEYS);
        List<ProviderName> providers = new ArrayList<>();
        JsonNode list = node.get("providers");
        if (list == null || !list.isArray() || list.isEmpty()) {
            errors.add(path + ".providers: must be a non-empty list of provider names");
        } else {
            Set<ProviderName> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String itemPath = path + ".providers[" + i + "]";
                providerName(list.get(i), itemPath).ifPresent(p -> {
                    if (!seen.add(p)) errors.add(itemPath + ": provider " + p.id() + " is listed twice");
                    else providers.add(p);
                });
            }
        }
        Double min = number(node.get("min_confidence"), path + ".min_confidence", true);
        if (min != null && (min < 0 || min > 1)) errors.add(path + ".min_confidence: must be in [0,1], was " + min);
        FieldMode mode = FieldMode.FIRST;
        JsonNode m = node.get("mode");
        if (m != null && !m.isNull()) {
            String s = m.asText().trim().toLowerCase(Locale.ROOT);
            if (!m.isTextual() || !(s.equals("first") || s.equals("append"))) {
                errors.add(path + ".mode: must be first or append, was " + m);
            } else {
                mode = FieldMode.valueOf(s.toUpperCase(Locale.ROOT));
                if (mode == FieldMode.APPEND && !f.get().appendable()) {
                    errors.add(path + ".mode: append needs a list field (genre); " + f.get().configName() + " holds one value");
                }
            }
        }
        int maxValues = stopBound(node.get("max_values"), path + ".max_values", mode);
        int minProviders = stopBound(node.get("min_providers"), path + ".min_providers", mode);
        if (min != null) into.put(f.get(), new FieldRule(f.get(), providers, min, mode, maxValues, minProviders));
    }

    /** An append field's stop bound: a whole number >= 1, only with mode append; 0 when absent. */
    private int stopBound(JsonNode n, String path, FieldMode mode) {
        if (n == null || n.isNull()) return 0;
        if (!n.isIntegralNumber() || n.asInt() < 1) {
            errors.add(path + ": must be a whole number >= 1, was " + n);
            return 0;
        }
        if (mode != FieldMode.APPEND) {
            errors.add(path + ": only applies with mode: append (a first-mode field stops at its first winner)");
            return 0;
        }
        return n.asInt();
    }

    private Optional<ProviderName> providerName(JsonNode n, String path) {
        String known = String.join(", ", Arrays.stream(ProviderName.values()).map(ProviderName::id).toList());
        if (n == null || !n.isTextual()) {
            errors.add(path + ": must be a provider name (" + known + "), was " + n);
            return Optional.empty();
        }
        try {
            return Optional.of(ProviderName.of(n.asText()));
        } catch (IllegalArgumentException e) {
            errors.add(path + ": unknown provider '" + n.asText() + "'; known providers: " + known);
            return Optional.empty();
        }
    }

    private Optional<ProviderConfig> provider(String name, JsonNode node) {
        String path = "providers." + name;
        Optional<ProviderName> pn = providerName(com.fasterxml.jackson.databind.node.TextNode.valueOf(name), path);
        if (pn.isEmpty()) return Optional.empty();
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isObject()) {
            errors.add(path + ": must be a mapping of settings (" + String.join(", ", PROVIDER_KEYS) + ")");
            return Optional.empty();
        }
        int before = errors.size();
        unknownKeys(node, path + ".", PROVIDER_KEYS);
        ProviderConfig d = ProviderDefaults.of(pn.get());
        Rate rate = parsed(node.get("rate"), path + ".rate", Rate::parse, d.rate());
        Integer burst = integer(node.get("burst"), path + ".burst");
        int b = burst == null ? Math.min(d.burst(), rate.permits()) : burst;
        if (burst != null && burst < 1) errors.add(path + ".burst: must be >= 1, was " + burst);
        else if (burst != null && burst > rate.permits()) {
            errors.add(path + ".burst: must be <= the rate's " + rate.permits() + " permits per window, or one window can send more than the quota; was " + burst);
        }
        Duration timeout = positive(parsed(node.get("timeout"), path + ".timeout", Durations::parse, d.timeout()), path + ".timeout");
        Duration cacheTtl = parsed(node.get("cache_ttl"), path + ".cache_ttl", Durations::parse, d.cacheTtl());
        Duration negTtl = parsed(node.get("negative_cache_ttl"), path + ".negative_cache_ttl", Durations::parse, d.negativeCacheTtl());
        if (negTtl.compareTo(cacheTtl) > 0) {
            errors.add(path + ".negative_cache_ttl: must not exceed cache_ttl (" + Durations.format(cacheTtl) + "), was " + Durations.format(negTtl));
        }
        Double cost = number(node.get("cost_per_call_usd"), path + ".cost_per_call_usd", false);
        if (cost != null && cost < 0) errors.add(path + ".cost_per_call_usd: must be >= 0, was " + cost);
        Double budget = number(node.get("monthly_budget_usd"), path + ".monthly_budget_usd", false);
        if (budget != null && budget < 0) errors.add(path + ".monthly_budget_usd: must be >= 0, was " + budget);
        URI base = url(node.get("base_url"), path + ".base_url", d.baseUrl());
        URI auth = url(node.get("auth_url"), path + ".auth_url", d.authUrl());
        boolean enabled = d.enabled();
        JsonNode en = node.get("enabled");
        if (en != null && !en.isNull()) {
            if (!en.isBoolean()) errors.add(path + ".enabled: must be true or false, was " + en);
            else enabled = en.asBoolean();
        }
        Duration fresh = positive(parsed(node.get("freshness_ttl"), path + ".freshness_ttl", Durations::parse, d.freshnessTtl()), path + ".freshness_ttl");
        if (errors.size() > before) return Optional.empty();
        return Optional.of(new ProviderConfig(pn.get(), rate, b, timeout, cacheTtl, negTtl, cost == null ? d.costPerCallUsd() : cost,
                base, auth, enabled, fresh, budget));
    }

    private ScoringSettings scoring(JsonNode node) {
        ScoringSettings d = ScoringSettings.DEFAULTS;
        if (node == null || node.isNull()) return d;
        if (!node.isObject()) {
            errors.add("scoring: must be a mapping (" + String.join(", ", SCORING_KEYS) + ")");
            return d;
        }
        unknownKeys(node, "scoring.", SCORING_KEYS);
        Double margin = number(node.get("ambiguity_margin"), "scoring.ambiguity_margin", false);
        if (margin != null && (margin < 0 || margin > 1)) errors.add("scoring.ambiguity_margin: must be in [0,1], was " + margin);
        Duration tol = parsed(node.get("duration_tolerance"), "scoring.duration_tolerance", Durations::parse, d.durationTolerance());
        Double chain = number(node.get("chain_min_confidence"), "scoring.chain_min_confidence", false);
        if (chain != null && (chain < 0 || chain > 1)) errors.add("scoring.chain_min_confidence: must be in [0,1], was " + chain);
        Integer fallbacks = integer(node.get("fallback_searches"), "scoring.fallback_searches");
        if (fallbacks != null && (fallbacks < 0 || fallbacks > ScoringSettings.MAX_FALLBACK_SEARCHES))
            errors.add("scoring.fallback_searches: must be in [0," + ScoringSettings.MAX_FALLBACK_SEARCHES + "], was " + fallbacks);
        if (!errors.isEmpty()) return d;
        return new ScoringSettings(margin == null ? d.ambiguityMargin() : margin, tol, chain == null ? d.chainMinConfidence() : chain,
                fallbacks == null ? d.fallbackSearches() : fallbacks);
    }

    private void unknownKeys(JsonNode node, String prefix, List<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) errors.add(prefix + k + ": unknown key; allowed keys: " + String.join(", ", allowed));
        }
    }

    private <T> T parsed(JsonNode n, String path, Function<String, T> parser, T dflt) {
        if (n == null || n.isNull()) return dflt;
        if (!n.isValueNode() || n.isBoolean()) {
            errors.add(path + ": must be a string, was " + n);
            return dflt;
        }
        try {
            return parser.apply(n.asText());
        } catch (IllegalArgumentException e) {
            errors.add(path + ": " + e.getMessage());
            return dflt;
        }
    }

    private Duration positive(Duration d, String path) {
        if (d.isZero()) errors.add(path + ": must be > 0, was 0");
        return d;
    }

    private Double number(JsonNode n, String path, boolean required) {
        if (n == null || n.isNull()) {
            if (required) errors.add(path + ": is required (a number in [0,1])");
            return null;
        }
        if (!n.isNumber()) {
            errors.add(path + ": must be a number, was " + n);
            return null;
        }
        return n.asDouble();
    }

    private Integer integer(JsonNode n, String path) {
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber()) {
            errors.add(path + ": must be a whole number, was " + n);
            return null;
        }
        return n.asInt();
    }

    private URI url(JsonNode n, String path, URI dflt) {
        if (n == null || n.isNull()) return dflt;
        try {
            URI u = new URI(n.asText().trim());
            if (!n.isTextual() || u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return u;
        } catch (Exception e) {
            errors.add(path + ": must be an absolute http(s) URL, was " + n);
            return dflt;
        }
    }
}
