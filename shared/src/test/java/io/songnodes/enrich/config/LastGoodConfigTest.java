package io.songnodes.enrich.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LastGoodConfigTest {
    @Test
    void aBadPushIsRejectedAndCountedAndTheLastGoodConfigStays() {
        LastGoodConfig holder = new LastGoodConfig(WaterfallConfig.defaults());
        WaterfallConfig before = holder.current();
        LastGoodConfig.Outcome bad = holder.offer("fields:\n  bpm: { providers: [beatport], min_confidence: 1.5 }\n", "push-1");
        assertThat(bad.accepted()).isFalse();
        assertThat(bad.errors()).containsExactly("fields.bpm.min_confidence: must be in [0,1], was 1.5");
        assertThat(holder.current()).isSameAs(before);
        assertThat(holder.rejectedCount()).isEqualTo(1);

        LastGoodConfig.Outcome good = holder.offer("fields:\n  bpm: { providers: [deezer], min_confidence: 0.7 }\n", "push-2");
        assertThat(good.accepted()).isTrue();
        assertThat(holder.current().field(EnrichField.BPM).minConfidence()).isEqualTo(0.7);
        assertThat(holder.current().fields()).hasSize(1);
        assertThat(holder.rejectedCount()).isEqualTo(1);
    }
}
