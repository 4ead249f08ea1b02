package io.songnodes.jobs.bronzetosilver.batch;

import io.songnodes.config.ConfigException;
import io.songnodes.config.Options;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which silver rows a scheduled re-enrichment takes: stale for a provider (last enriched by it longer ago
 * than its {@code freshness_ttl}), missing fields, bronze sources, statuses, and a limit. Selectors combine
 * with AND; several values of one selector combine with OR.
 */
public record ReenrichSelection(List<String> staleProviders, List<String> missingFields, List<String> sources,
                                List<String> statuses, int limit) implements Serializable {

    /** Fields that can be selected as missing, mapped to their silver columns. */
    public static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("bpm", "bpm"), Map.entry("key", "musical_key"), Map.entry("isrc", "isrc"),
            Map.entry("genre", "cardinality(t.genres) = 0"), Map.entry("release_date", "release_date"),
            Map.entry("label", "label"), Map.entry("duration_ms", "duration_ms"), Map.entry("energy", "energy"),
            Map.entry("spotify_id", "spotify_id"), Map.entry("beatport_id", "beatport_id"), Map.entry("musicbrainz_id", "musicbrainz_id"));
    private static final Set<String> STATUSES = Set.of("completed", "partial", "not_found", "failed", "pending");

    /** The selection from {@code --reenrich} and its selectors, or null without {@code --reenrich}. */
    public static ReenrichSelection parse(Options o) {
        boolean on = o.flag("reenrich");
        List<String> stale = list(o.string("stale", null));
        List<String> missing = list(o.string("missing", null));
        List<String> sources = list(o.string("source", null));
        List<String> statuses = list(o.string("status", null));
        int limit = o.integer("limit", 10_000, 1, 10_000_000);
        if (!on) {
            if (!stale.isEmpty() || !missing.isEmpty() || !sources.isEmpty() || !statuses.isEmpty()) {
                throw new ConfigException("--reenrich", "selectors (--stale, --missing, --source, --status) need --reenrich");
            }
            return null;
        }
        if (stale.equals(List.of("all"))) stale = Arrays.stream(ProviderName.values()).map(ProviderName::id).toList();
        for (String p : stale) {
            try {
                ProviderName.of(p);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--stale", "unknown provider '" + p + "' (or 'all')");
            }
        }
        for (String f : missing) if (!FIELDS.containsKey(f)) throw new ConfigException("--missing", "unknown field '" + f + "', one of " + FIELDS.keySet());
        for (String s : statuses) if (!STATUSES.contains(s)) throw new ConfigException("--status", "unknown status '" + s + "', one of " + STATUSES);
        if (stale.isEmpty() && missing.isEmpty() && sources.isEmpty() && statuses.isEmpty()) {
            throw new ConfigException("--reenrich", "needs at least one selector: --stale, --missing, --source or --status");
        }
        return new ReenrichSelection(stale, missing, sources, statuses, limit);
    }

    private static List<String> list(String csv) {
        if (csv == null) return List.of();
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The SELECT with its parameters, in order; staleness uses each provider's TTL from {@code config}. */
    public Query sql(WaterfallConfig config) {
        List<String> where = new ArrayList<>(List.of("t.enrichment_status <> 'unidentified'"));
        List<Object> params = new ArrayList<>();
        if (!staleProviders.isEmpty()) {
            List<String> any = new ArrayList<>();
            for (String p : staleProviders) {
                long ttl = config.provider(ProviderName.of(p)).freshnessTtl().toSeconds();
                any.add("coalesce((t.provider_enriched_at ->> ?)::timestamptz, '-infinity') < now() - make_interval(secs => ?)");
                params.add(p);
                params.add(ttl);
            }
            where.add("(" + String.join(" OR ", any) + ")");
        }
        if (!missingFields.isEmpty()) {
            List<String> any = new ArrayList<>();
            for (String f : missingFields) {
                String col = FIELDS.get(f);
                any.add(col.contains(" ") ? "(" + col + ")" : "t." + col + " IS NULL");
            }
            where.add("(" + String.join(" OR ", any) + ")");
        }
        if (!sources.isEmpty()) {
            where.add("EXISTS (SELECT 1 FROM silver.bronze_links l WHERE l.track_id = t.track_id AND l.source = ANY (?))");
            params.add(sources.toArray(String[]::new));
        }
        if (!statuses.isEmpty()) {
            where.add("t.enrichment_status = ANY (?)");
            params.add(statuses.toArray(String[]::new));
        }
        params.add(limit);
        String sql = "SELECT t.track_id, t.artist, t.title, t.spotify_id, t.isrc, t.beatport_id, t.musicbrainz_id FROM silver.tracks t WHERE "
                + String.join(" AND ", where) + " ORDER BY t.last_enriched_at NULLS FIRST, t.track_id LIMIT ?";
        return new Query(sql, params);
    }

    /** A parameterised SQL statement. */
    public record Query(String sql, List<Object> params) {}
}
