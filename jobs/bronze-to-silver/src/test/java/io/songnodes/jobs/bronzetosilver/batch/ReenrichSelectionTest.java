package io.songnodes.jobs.bronzetosilver.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.config.ConfigException;
import io.songnodes.config.Options;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The re-enrichment selectors: option errors name the option, and each selector becomes its predicate and parameters. */
class ReenrichSelectionTest {
    private static final WaterfallConfig CONFIG = WaterfallConfig.defaults();

    private static ReenrichSelection parse(String... args) {
        Options o = Options.parse(args, Map.of());
        ReenrichSelection s = ReenrichSelection.parse(o);
        o.rejectUnknown();
        return s;
    }

    private static void failsNaming(String option, String... args) {
        assertThatThrownBy(() -> parse(args)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(option))
                .hasMessageStartingWith(option + ": ");
    }

    private static long ttlSeconds(ProviderName p) { return CONFIG.provider(p).freshnessTtl().toSeconds(); }

    @Test
    void withoutReenrichThereIsNoSelection() {
        assertThat(parse()).isNull();
    }

    @Test
    void badOptionsFailNamingTheOption() {
        failsNaming("--stale", "--reenrich", "--stale", "spotify,napster");
        failsNaming("--missing", "--reenrich", "--missing", "bpm,mood");
        failsNaming("--status", "--reenrich", "--status", "partial,broken");
        failsNaming("--limit", "--reenrich", "--status", "partial", "--limit", "0");
        failsNaming("--limit", "--reenrich", "--status", "partial", "--limit", "many");
        failsNaming("--reenrich", "--reenrich");
        failsNaming("--reenrich", "--stale", "spotify");
        failsNaming("--reenrich", "--missing", "bpm");
        assertThatThrownBy(() -> parse("--reenrich", "--stale", "spotify,napster")).hasMessageContaining("napster");
        assertThatThrownBy(() -> parse("--reenrich", "--missing", "mood")).hasMessageContaining("mood");
    }

    @Test
    void parsesEverySelector() {
        ReenrichSelection s = parse("--reenrich", "--stale", "beatport, spotify", "--missing", "bpm,genre", "--source", "mixesdb",
                "--status", "partial,failed", "--limit", "50");
        assertThat(s).isEqualTo(new ReenrichSelection(List.of("beatport", "spotify"), List.of("bpm", "genre"), List.of("mixesdb"),
                List.of("partial", "failed"), 50));
        assertThat(parse("--reenrich", "--status", "not_found").statuses()).containsExactly("not_found");
        assertThat(parse("--reenrich", "--stale", "all").staleProviders())
                .containsExactlyElementsOf(Arrays.stream(ProviderName.values()).map(ProviderName::id).toList());
    }

    @Test
    void staleSelectsByEachProvidersFreshnessTtl() {
        ReenrichSelection.Query q = parse("--reenrich", "--stale", "beatport,musicbrainz").sql(CONFIG);
        assertThat(ttlSeconds(ProviderName.BEATPORT)).isEqualTo(Duration.ofDays(90).toSeconds());
        assertThat(ttlSeconds(ProviderName.MUSICBRAINZ)).isEqualTo(Duration.ofDays(180).toSeconds());
        assertThat(q.sql()).contains("t.enrichment_status <> 'unidentified'")
                .contains("(coalesce((t.provider_enriched_at ->> ?)::timestamptz, '-infinity') < now() - make_interval(secs => ?)"
                        + " OR coalesce((t.provider_enriched_at ->> ?)::timestamptz, '-infinity') < now() - make_interval(secs => ?))")
                .endsWith("LIMIT ?");
        assertThat(q.params()).containsExactly("beatport", ttlSeconds(ProviderName.BEATPORT), "musicbrainz",
                ttlSeconds(ProviderName.MUSICBRAINZ), 10_000);
        assertThat(count(q.sql(), '?')).isEqualTo(q.params().size());
    }

    @Test
    void staleFollowsTheConfiguredTtl() throws Exception {
        String yaml;
        try (var in = ReenrichSelectionTest.class.getResourceAsStream("/waterfall.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(yaml).contains("freshness_ttl: 60d");
        yaml = yaml.replace("freshness_ttl: 60d", "freshness_ttl: 3d");
        ReenrichSelection.Query q = parse("--reenrich", "--stale", "lastfm").sql(WaterfallConfig.parse(yaml));
        assertThat(q.params()).containsExactly("lastfm", Duration.ofDays(3).toSeconds(), 10_000);
    }

    @Test
    void missingFieldsBecomeNullChecksOrTheEmptyGenreList() {
        ReenrichSelection.Query q = parse("--reenrich", "--missing", "bpm,key,genre").sql(CONFIG);
        assertThat(q.sql()).contains("(t.bpm IS NULL OR t.musical_key IS NULL OR (cardinality(t.genres) = 0))");
        assertThat(q.params()).containsExactly(10_000);
    }

    @Test
    void sourcesAndStatusesAreArrayParameters() {
        ReenrichSelection.Query q = parse("--reenrich", "--source", "mixesdb,1001tracklists", "--status", "partial,failed",
                "--limit", "7").sql(CONFIG);
        assertThat(q.sql())
                .contains("EXISTS (SELECT 1 FROM silver.bronze_links l WHERE l.track_id = t.track_id AND l.source = ANY (?))")
                .contains("t.enrichment_status = ANY (?)")
                .doesNotContain("provider_enriched_at").doesNotContain("IS NULL");
        assertThat(q.params()).hasSize(3);
        assertThat((String[]) q.params().get(0)).containsExactly("mixesdb", "1001tracklists");
        assertThat((String[]) q.params().get(1)).containsExactly("partial", "failed");
        assertThat(q.params().get(2)).isEqualTo(7);
    }

    @Test
    void selectorsCombineWithAnd() {
        ReenrichSelection.Query q = parse("--reenrich", "--stale", "spotify", "--missing", "bpm", "--status", "partial").sql(CONFIG);
        String where = q.sql().substring(q.sql().indexOf(" WHERE ") + 7, q.sql().indexOf(" ORDER BY "));
        assertThat(where).isEqualTo("t.enrichment_status <> 'unidentified'"
                + " AND (coalesce((t.provider_enriched_at ->> ?)::timestamptz, '-infinity') < now() - make_interval(secs => ?))"
                + " AND (t.bpm IS NULL) AND t.enrichment_status = ANY (?)");
        assertThat(q.params()).hasSize(4);
        assertThat(q.params().get(0)).isEqualTo("spotify");
        assertThat(count(q.sql(), '?')).isEqualTo(q.params().size());
    }

    private static long count(String s, char c) { return s.chars().filter(x -> x == c).count(); }
}
