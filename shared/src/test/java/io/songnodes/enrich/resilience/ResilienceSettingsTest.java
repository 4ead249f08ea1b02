package io.songnodes.enrich.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.ProviderDefaults;
import io.songnodes.enrich.config.Rate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ResilienceSettingsTest {
    @Test
    void parsesTheRateSpellingsOfTheConfig() {
        assertThat(Rate.parse("1/s")).isEqualTo(new Rate(1, Duration.ofSeconds(1)));
        assertThat(Rate.parse("60/min")).isEqualTo(new Rate(60, Duration.ofMinutes(1)));
        assertThat(Rate.parse("50/5s")).isEqualTo(new Rate(50, Duration.ofSeconds(5)));
        assertThat(Rate.parse("1/1000ms")).isEqualTo(new Rate(1, Duration.ofSeconds(1)));
        assertThat(Rate.parse("100/h").period()).isEqualTo(Duration.ofHours(1));
        assertThat(Rate.parse("50/5s").emissionInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(Rate.parse("60/min").emissionInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejectsMalformedRatesNamingTheSyntax() {
        assertThatThrownBy(() -> Rate.parse("fast")).hasMessageContaining("1/s, 60/min");
        assertThatThrownBy(() -> Rate.parse("0/s")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Rate.parse("5/fortnight")).hasMessageContaining("'5/fortnight'");
        assertThatThrownBy(() -> Rate.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsValidateEveryKeyByName() {
        ResilienceSettings.Builder b = ResilienceSettings.builder(ProviderName.MUSICBRAINZ);
        assertThatThrownBy(() -> b.burst(0).build()).hasMessageStartingWith("burst");
        assertThatThrownBy(() -> ResilienceSettings.builder(ProviderName.DEEZER).timeout(Duration.ZERO).build()).hasMessageStartingWith("timeout");
        assertThatThrownBy(() -> ResilienceSettings.builder(ProviderName.DEEZER).backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)).build())
                .hasMessageStartingWith("backoff_max");
        assertThatThrownBy(() -> new ResilienceSettings.Breaker(0, 10, 5, Duration.ofSeconds(1), 1)).hasMessageStartingWith("breaker.failure_rate_percent");
        assertThatThrownBy(() -> new ResilienceSettings.Aimd(1.5, 0.1, 0.1, Duration.ofSeconds(1))).hasMessageStartingWith("aimd.decrease_factor");
        assertThatThrownBy(() -> ResilienceSettings.builder(ProviderName.DEEZER).safetyMargin(0.7).build()).hasMessageStartingWith("safety_margin");
    }

    @Test
    void defaultsAreTheOneQuotaTable() {
        assertThat(ResilienceSettings.defaults(ProviderName.MUSICBRAINZ).rate().perSecond()).isEqualTo(1.0);
        assertThat(ResilienceSettings.defaults(ProviderName.DISCOGS).rate().perSecond()).isEqualTo(1.0);
        assertThat(ResilienceSettings.defaults(ProviderName.DEEZER).rate()).isEqualTo(Rate.parse("50/5s"));
        for (ProviderName p : ProviderName.values()) {
            ResilienceSettings s = ResilienceSettings.defaults(p);
            assertThat(s.rate()).as(p.id()).isEqualTo(ProviderDefaults.rate(p));
            assertThat(s.burst()).as(p.id()).isEqualTo(ProviderDefaults.burst(p)).isBetween(1, s.rate().permits());
            assertThat(s.negativeTtl()).as(p.id()).isLessThan(s.cacheTtl());
            assertThat(s.effectiveInterval()).as(p.id()).isGreaterThan(s.rate().emissionInterval());
        }
        assertThat(ResilienceSettings.defaults(ProviderName.SPOTIFY).capabilityEndpoints()).containsExactly("audio_features");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("3", clock)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("0.5", clock)).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 31 Dec 2025 23:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse("-4", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }
}
