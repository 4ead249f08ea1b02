package io.songnodes.enrich.waterfall;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.SilverTrack;
import io.songnodes.model.SilverTrackBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FreshnessTest {
    private final WaterfallConfig config = WaterfallConfig.parse("""
            fields:
              bpm: { providers: [beatport, deezer], min_confidence: 0.8 }
            providers:
              beatport: { freshness_ttl: 30d }
              deezer: { freshness_ttl: 7d, enabled: false }
            """);
    private final Instant now = Instant.parse("2025-10-10T12:00:00Z");

    private SilverTrack track(EnrichmentStatus status, Duration beatportAge) {
        SilverTrackBuilder b = new SilverTrackBuilder();
        b.trackId = "trk_x";
        b.enrichmentStatus = status;
        if (beatportAge != null) b.providerEnrichedAt.put("beatport", now.minus(beatportAge));
        return b.build();
    }

    @Test
    void aProviderIsDueWhenItsAnswerIsStaleOrMissingOnAnIncompleteTrack() {
        assertThat(Freshness.dueProviders(track(EnrichmentStatus.COMPLETED, Duration.ofDays(10)), config, now)).isEmpty();
        assertThat(Freshness.dueProviders(track(EnrichmentStatus.COMPLETED, Duration.ofDays(31)), config, now)).containsExactly(ProviderName.BEATPORT);
        assertThat(Freshness.dueProviders(track(EnrichmentStatus.PARTIAL, null), config, now)).containsExactly(ProviderName.BEATPORT);
        assertThat(Freshness.isDue(track(EnrichmentStatus.FAILED, Duration.ofDays(1)), config, now)).isFalse();
        assertThat(Freshness.isDue(track(EnrichmentStatus.UNIDENTIFIED, null), config, now)).isFalse();
    }
}
