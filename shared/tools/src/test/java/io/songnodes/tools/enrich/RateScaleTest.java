package io.songnodes.tools.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.Rate;
import io.songnodes.enrich.config.WaterfallConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** --limit-scale shortens every window as the simulator does, rounding up so the client never outruns it. */
class RateScaleTest {
    @Test
    void shortensEveryWindowKeepingThePermits() {
        WaterfallConfig c = RateScale.apply(WaterfallConfig.defaults(), 20);
        assertThat(c.provider(ProviderName.MUSICBRAINZ).rate()).isEqualTo(new Rate(1, Duration.ofMillis(50)));
        assertThat(c.provider(ProviderName.SPOTIFY).rate()).isEqualTo(new Rate(60, Duration.ofMillis(1500)));
        assertThat(c.provider(ProviderName.DEEZER).rate()).isEqualTo(new Rate(50, Duration.ofMillis(250)));
        assertThat(c.provider(ProviderName.DEEZER).burst()).isEqualTo(WaterfallConfig.defaults().provider(ProviderName.DEEZER).burst());
        assertThat(c.fields()).isEqualTo(WaterfallConfig.defaults().fields());
    }

    @Test
    void roundsAWindowUpToWholeMilliseconds() {
        assertThat(RateScale.scale(Rate.parse("1/s"), 3)).isEqualTo(new Rate(1, Duration.ofMillis(334)));
    }

    @Test
    void scaleOneIsTheConfigItselfAndNonPositiveIsRefused() {
        WaterfallConfig d = WaterfallConfig.defaults();
        assertThat(RateScale.apply(d, 1)).isSameAs(d);
        assertThatThrownBy(() -> RateScale.apply(d, 0)).hasMessageContaining("--limit-scale");
    }
}
