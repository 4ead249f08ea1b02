package io.songnodes.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.ProviderDefaults;
import io.songnodes.enrich.config.Rate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fault specs, limits and tuning parse strictly and fail naming what is wrong. */
class TuningTest {
    @Test
    void faultSpecsParse() {
        FaultSpec f = FaultSpec.parse("musicbrainz:5xx:0.2");
        assertThat(f.provider()).isEqualTo(ProviderName.MUSICBRAINZ);
        assertThat(f.kind()).isEqualTo(FaultKind.SERVER_ERROR);
        assertThat(f.share()).isEqualTo(0.2);
        assertThat(FaultSpec.parse("*:reset:0.1").appliesTo(ProviderName.DEEZER)).isTrue();
        assertThat(FaultSpec.parse("spotify:403:1").kind()).isEqualTo(FaultKind.FORBIDDEN);
        assertThatThrownBy(() -> FaultSpec.parse("napster:5xx:0.1")).hasMessageContaining("napster");
        assertThatThrownBy(() -> FaultSpec.parse("deezer:5xx")).hasMessageContaining("provider:kind:share");
        assertThatThrownBy(() -> FaultSpec.parse("deezer:5xx:2")).hasMessageContaining("[0,1]");
        assertThatThrownBy(() -> FaultSpec.parse("deezer:boom:0.1")).hasMessageContaining("boom");
    }

    @Test
    void sharesOfOneProviderMayNotExceedOne() {
        assertThatThrownBy(() -> Tuning.defaults().withFaults(FaultSpec.parseAll(List.of("*:5xx:0.6", "lastfm:reset:0.5"))))
                .hasMessageContaining("lastfm");
        Tuning t = Tuning.defaults().withFaults(FaultSpec.parseAll(List.of("*:5xx:0.2", "lastfm:5xx:0.1")));
        assertThat(t.faultsFor(ProviderName.LASTFM)).containsEntry(FaultKind.SERVER_ERROR, 0.2 + 0.1);
        assertThat(t.faultsFor(ProviderName.DEEZER)).containsEntry(FaultKind.SERVER_ERROR, 0.2);
    }

    @Test
    void limitsParseAndTheDefaultsAreTheRealOnes() {
        // the simulator models the quotas of the one table the client's limiter also reads
        Map<ProviderName, Rate> limits = SimulatorConfig.builder().catalog(new io.songnodes.tools.catalog.Catalog(List.of())).build().limits();
        assertThat(limits).isEqualTo(ProviderDefaults.rates());
        assertThat(limits.get(ProviderName.MUSICBRAINZ)).isEqualTo(new Rate(1, Duration.ofSeconds(1)));
        assertThat(limits.get(ProviderName.DEEZER)).isEqualTo(new Rate(50, Duration.ofSeconds(5)));
    }

    @Test
    void badConfigFailsNamingTheKey() {
        assertThatThrownBy(() -> SimulatorConfig.builder().build()).hasMessageContaining("catalog or fixtures");
        assertThatThrownBy(() -> SimulatorConfig.builder().limitScale(0)).hasMessageContaining("limit-scale");
        assertThatThrownBy(() -> SimulatorConfig.builder().latency(-1, 0)).hasMessageContaining("latency-ms");
        assertThatThrownBy(() -> SimulatorConfig.builder().fixtures(java.nio.file.Path.of("/nonexistent")).build()).hasMessageContaining("fixtures");
        assertThatThrownBy(() -> AdminApi.apply(Tuning.defaults(), "{\"limit_scale\":\"fast\"}")).hasMessageContaining("limit_scale");
    }
}
