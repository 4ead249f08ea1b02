package io.songnodes.enrich.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job's subtasks share each quota: without Redis every one of them limits itself to its share. */
class FallbackInstancesTest {
    // a closed port: the runtime starts anyway and limits locally
    private static final RuntimeSettings NO_REDIS = new RuntimeSettings("redis://127.0.0.1:1", "t:", "http://127.0.0.1:1", RuntimeSettings.DEFAULT_CONTACT);

    @Test
    void theFallbackLimiterCountsEverySubtask() {
        try (EnrichmentRuntime r = EnrichmentRuntime.start(WaterfallConfig.defaults(), NO_REDIS, Map.of(), EnrichmentListener.NONE, 4)) {
            for (ProviderName p : ProviderName.values()) {
                assertThat(r.resilience().settings(p).fallbackInstances()).as(p.id()).isEqualTo(4);
            }
            // a new config rebuilds the gateway; the share must survive it
            WaterfallConfig slower = WaterfallConfig.parse(new String(readShipped()).replace("rate: 50/5s", "rate: 40/5s"));
            r.apply(slower);
            assertThat(r.resilience().settings(ProviderName.DEEZER).fallbackInstances()).isEqualTo(4);
        }
    }

    @Test
    void aSingleProcessKeepsTheWholeQuota() {
        try (EnrichmentRuntime r = EnrichmentRuntime.start(WaterfallConfig.defaults(), NO_REDIS, Map.of(), EnrichmentListener.NONE)) {
            assertThat(r.resilience().settings(ProviderName.MUSICBRAINZ).fallbackInstances()).isEqualTo(1);
        }
    }

    private static byte[] readShipped() {
        try (var in = FallbackInstancesTest.class.getResourceAsStream("/waterfall.yaml")) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
