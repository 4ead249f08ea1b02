package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.FieldRule;
import io.songnodes.enrich.config.ProviderConfig;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.SilverTrack;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which silver tracks the scheduled re-enrichment should run again: a provider of some configured field
 * is due when it never answered for the track or answered longer ago than its {@code freshness_ttl}.
 * Unidentified tracks are never due; completed tracks are due only once a provider's answer went stale.
 */
public final class Freshness {
    private Freshness() {}

    /** Enabled providers, named by a configured field, whose answer for {@code track} is missing or stale at {@code now}. */
    public static Set<ProviderName> dueProviders(SilverTrack track, WaterfallConfig config, Instant now) {
        Set<ProviderName> due = EnumSet.noneOf(ProviderName.class);
        if (track.enrichmentStatus() == EnrichmentStatus.UNIDENTIFIED) return due;
        for (FieldRule rule : config.fields().values()) {
            for (ProviderName p : rule.providers()) {
                ProviderConfig s = config.provider(p);
                if (!s.enabled()) continue;
                Instant last = track.providerEnrichedAt() == null ? null : track.providerEnrichedAt().get(p.id());
                if (last == null ? track.enrichmentStatus() != EnrichmentStatus.COMPLETED : last.plus(s.freshnessTtl()).isBefore(now)) due.add(p);
            }
        }
        return due;
    }

    public static boolean isDue(SilverTrack track, WaterfallConfig config, Instant now) {
        return !dueProviders(track, config, now).isEmpty();
    }
}
