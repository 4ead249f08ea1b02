package io.songnodes.enrich.config;

import io.songnodes.config.ConfigException;
import io.songnodes.config.Durations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.ProviderName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WaterfallConfigTest {

    private static List<String> errorsOf(String yaml) {
        try {
            WaterfallConfig.parse(yaml);
        } catch (ConfigException e) {
            return e.errors();
        }
        throw new AssertionError("config was accepted:\n" + yaml);
    }

    @Test
    void shippedDefaultsLoadAndRespectRealLimits() {
        WaterfallConfig c = WaterfallConfig.defaults();
        assertThat(c.fields().keySet()).containsExactly(EnrichField.BPM, EnrichField.KEY, EnrichField.ISRC, EnrichField.GENRE,
                EnrichField.RELEASE_DATE, EnrichField.LABEL, EnrichField.DURATION_MS);
        assertThat(c.field(EnrichField.BPM).providers()).containsExactly(ProviderName.BEATPORT, ProviderName.DEEZER, ProviderName.SPOTIFY);
        assertThat(c.field(EnrichField.GENRE).mode()).isEqualTo(FieldMode.APPEND);
        assertThat(c.field(EnrichField.ISRC).minConfidence()).isEqualTo(0.90);
        // MusicBrainz 1/s per IP, Deezer 50 per 5 s, Discogs 60/min with a token, Last.fm about 5/s
        assertThat(c.provider(ProviderName.MUSICBRAINZ).rate()).isEqualTo(new Rate(1, Duration.ofSeconds(1)));
        assertThat(c.provider(ProviderName.DEEZER).rate()).isEqualTo(new Rate(50, Duration.ofSeconds(5)));
        assertThat(c.provider(ProviderName.DISCOGS).rate().perSecond()).isLessThanOrEqualTo(1.0);
        assertThat(c.provider(ProviderName.LASTFM).rate().perSecond()).isLessThanOrEqualTo(5.0);
        for (ProviderConfig p : c.providers().values()) {
            // the shipped file repeats the one quota table; they must never disagree
            assertThat(p.rate()).as(p.provider().id()).isEqualTo(ProviderDefaults.rate(p.provider()));
            assertThat(p.burst()).as(p.provider().id()).isEqualTo(ProviderDefaults.burst(p.provider()));
            assertThat(p.burst()).as(p.provider().id()).isBetween(1, p.rate().permits());
            assertThat(p.negativeCacheTtl()).isLessThanOrEqualTo(p.cacheTtl());
            assertThat(p.baseUrl().getScheme()).isEqualTo("https");
            assertThat(p.enabled()).isTrue();
        }
        assertThat(c.provider(ProviderName.SPOTIFY).authUrl().toString()).isEqualTo("https://accounts.spotify.com");
        assertThat(c.scoring().ambiguityMargin()).isEqualTo(0.05);
        assertThat(c.scoring().durationTolerance()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.userAgent()).startsWith("SongNodes/");
    }

    @Test
    void theContractExampleParsesAsWritten() {
        WaterfallConfig c = WaterfallConfig.parse("""
                fields:
                  bpm:      { providers: [beatport, deezer, spotify], min_confidence: 0.80 }
                  key:      { providers: [beatport, spotify], min_confidence: 0.80 }
                  isrc:     { providers: [spotify, deezer, musicbrainz], min_confidence: 0.90 }
                  genre:    { providers: [beatport, discogs, lastfm], min_confidence: 0.60, mode: append }
                  release_date: { providers: [musicbrainz, spotify, discogs], min_confidence: 0.75 }
                providers:
                  musicbrainz: { rate: 1/s, timeout: 5s, cache_ttl: 30d }
                """);
        assertThat(c.fields()).hasSize(5);
        assertThat(c.field(EnrichField.KEY).mode()).isEqualTo(FieldMode.FIRST);
        assertThat(c.provider(ProviderName.MUSICBRAINZ).cacheTtl()).isEqualTo(Duration.ofDays(30));
        // providers the file leaves out get built-in defaults
        assertThat(c.provider(ProviderName.DEEZER).rate()).isEqualTo(Rate.parse("50/5s"));
        assertThatThrownBy(() -> c.fields().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.field(EnrichField.BPM).providers().add(ProviderName.LASTFM)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyErrorNamesItsKeyPathAndAllAreReportedAtOnce() {
        List<String> errors = errorsOf("""
                fields:
                  bpm:   { providers: [beatport, deezr], min_confidence: 1.5 }
                  tempo: { providers: [spotify], min_confidence: 0.8 }
                  key:   { providers: [beatport], min_confidence: 0.8, mode: append }
                  label: { providers: [discogs], min_confidence: 0.7, mode: sometimes, order: 1 }
                  isrc:  { providers: [], min_confidence: 0.9 }
                  genre: { providers: [lastfm, lastfm], min_confidence: "0.6" }
                  release_date: { providers: [musicbrainz] }
                providers:
                  musicbrainz: { rate: fast, timeout: 5, cache_ttl: 1d, negative_cache_ttl: 7d }
                  deezer: { rate: 50/5s, burst: 60 }
                  lastfm: { base_url: "ftp://ws.audioscrobbler.com", cost_per_call_usd: -1, enabled: "yes" }
                  napster: { rate: 1/s }
                  spotify: { rate: 0/s, timout: 5s }
                scoring: { ambiguity_margin: 2, duration_tolerance: soon }
                extra: 1
                """);
        assertThat(errors).contains(
                "fields.bpm.min_confidence: must be in [0,1], was 1.5",
                "providers.deezer.burst: must be <= the rate's 50 permits per window, or one window can send more than the quota; was 60",
                "fields.release_date.min_confidence: is required (a number in [0,1])",
                "fields.genre.min_confidence: must be a number, was \"0.6\"",
                "fields.genre.providers[1]: provider lastfm is listed twice",
                "fields.isrc.providers: must be a non-empty list of provider names",
                "scoring.ambiguity_margin: must be in [0,1], was 2.0");
        assertThat(errors).anyMatch(e -> e.startsWith("fields.bpm.providers[1]: unknown provider 'deezr'"));
        assertThat(errors).anyMatch(e -> e.startsWith("fields.tempo: unknown field 'tempo'; known fields: spotify_id"));
        assertThat(errors).anyMatch(e -> e.startsWith("fields.key.mode: append needs a list field"));
        assertThat(errors).anyMatch(e -> e.startsWith("fields.label.mode: must be first or append"));
        assertThat(errors).anyMatch(e -> e.startsWith("fields.label.order: unknown key"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.musicbrainz.rate: must be a rate like 1/s"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.musicbrainz.timeout: must be a duration like"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.musicbrainz.negative_cache_ttl: must not exceed cache_ttl (1d)"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.lastfm.base_url: must be an absolute http(s) URL"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.lastfm.cost_per_call_usd: must be >= 0"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.lastfm.enabled: must be true or false"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.napster: unknown provider 'napster'"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.spotify.rate: must allow at least 1 request")
                || e.startsWith("providers.spotify.rate: must be a rate"));
        assertThat(errors).anyMatch(e -> e.startsWith("providers.spotify.timout: unknown key; allowed keys: rate, burst, timeout"));
        assertThat(errors).anyMatch(e -> e.startsWith("scoring.duration_tolerance: must be a duration"));
        assertThat(errors).anyMatch(e -> e.startsWith("extra: unknown key; allowed keys: fields, providers, scoring, user_agent"));
    }

    @Test
    void structuralMistakesNameTheKey() {
        assertThat(errorsOf("providers: {}\n")).contains("fields: is required");
        assertThat(errorsOf("fields: []\n")).contains("fields: must be a non-empty mapping of field name to rule");
        assertThat(errorsOf("fields:\n  bpm: beatport\n")).anyMatch(e -> e.startsWith("fields.bpm: must be a mapping"));
        assertThat(errorsOf("fields:\n  bpm: { providers: [beatport], min_confidence: 0.8 }\n  camelot_key: { providers: [beatport], min_confidence: 0.8 }\n"))
                .anyMatch(e -> e.startsWith("fields.camelot_key: unknown field") && e.contains("derived from key"));
        assertThat(errorsOf("fields:\n  bpm: { providers: [beatport], min_confidence: 0.8 }\n  bpm: { providers: [deezer], min_confidence: 0.8 }\n"))
                .anyMatch(e -> e.startsWith("<document>: not valid YAML at line 3") && e.contains("Duplicate field 'bpm'"));
        assertThat(errorsOf("fields:\n  bpm: { providers: [beatport], min_confidence: 0.8 }\n  genre: { providers: [lastfm], min_confidence: 0.6 }\n  genres: { providers: [discogs], min_confidence: 0.6 }\n"))
                .contains("fields.genres: field genre is configured twice");
        assertThat(errorsOf("fields: {\n  bpm: [\n")).anyMatch(e -> e.startsWith("<document>: not valid YAML"));
        assertThat(errorsOf("")).contains("<document>: must be a mapping with a 'fields' key");
        assertThat(errorsOf("fields:\n  bpm: { providers: [42], min_confidence: 0.8 }\n"))
                .anyMatch(e -> e.startsWith("fields.bpm.providers[0]: must be a provider name"));
    }

    @Test
    void loadingAFileNamesTheFileAndTheKey(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "fields:\n  bpm: { providers: [beatport], min_confidence: 1.5 }\n");
        assertThatThrownBy(() -> WaterfallConfig.load(f)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("fields.bpm.min_confidence: must be in [0,1], was 1.5");
        assertThatThrownBy(() -> WaterfallConfig.load(dir.resolve("missing.yaml"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read");
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "fields:\n  musical_key: { providers: [spotify], min_confidence: 0.7 }\n"
                + "providers:\n  spotify: { enabled: false, base_url: 'http://localhost:8089' }\n");
        WaterfallConfig c = WaterfallConfig.load(good);
        assertThat(c.field(EnrichField.KEY).minConfidence()).isEqualTo(0.7);
        assertThat(c.provider(ProviderName.SPOTIFY).enabled()).isFalse();
        assertThat(c.provider(ProviderName.SPOTIFY).baseUrl().toString()).isEqualTo("http://localhost:8089");
    }

    @Test
    void ratesAndDurationsParseEverySpellingTheConfigUses() {
        assertThat(Rate.parse("1/s")).isEqualTo(new Rate(1, Duration.ofSeconds(1)));
        assertThat(Rate.parse("60/min")).isEqualTo(new Rate(60, Duration.ofMinutes(1)));
        assertThat(Rate.parse("50/5s")).isEqualTo(new Rate(50, Duration.ofSeconds(5)));
        assertThat(Rate.parse("60/30s").perSecond()).isEqualTo(2.0);
        assertThat(Rate.parse("3600/h").perSecond()).isEqualTo(1.0);
        assertThat(Rate.parse("50/5s").toString()).isEqualTo("50/5s");
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("10min")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        for (String bad : List.of("5", "five seconds", "-5s", "5y", "")) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        for (String bad : List.of("1", "s/1", "1/", "1/fortnight", "0/s", "1/0s")) {
            assertThatThrownBy(() -> Rate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
