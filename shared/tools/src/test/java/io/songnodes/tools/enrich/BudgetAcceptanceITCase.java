package io.songnodes.tools.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfigLoader;
import io.songnodes.json.Json;
import io.songnodes.testing.TestRedis;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimulatorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code songnodes enrich} over the demo's sample sets, served by the simulator from the demo catalog, with
 * MusicBrainz priced at 0.01 USD a call and a monthly budget of 0.05 USD: MusicBrainz is asked at most five
 * times, the rest of its lookups are skipped and counted as {@code budget}, and its fields come from the next
 * providers of the waterfall.
 */
class BudgetAcceptanceITCase {
    private static final Path DEMO = Path.of("../../jobs/bronze-to-silver/demo");
    private static final double SCALE = 20;

    private static ProviderSimulator sim;
    @TempDir static Path dir;

    @BeforeAll
    static void start() throws IOException {
        sim = ProviderSimulator.start(SimulatorConfig.builder().port(0).limitScale(SCALE).catalog(Catalog.load(DEMO.resolve("catalog.jsonl"))).build());
    }

    @AfterAll
    static void stop() { sim.close(); }

    /**
     * The shipped waterfall with MusicBrainz's price and budget set, and MusicBrainz first for release dates
     * (an operator's choice: it is the provider a budget has to stop; the shipped order rarely reaches it).
     */
    static String waterfallWithMusicBrainzBudget(double cost, double budget) throws IOException {
        String yaml;
        try (InputStream in = WaterfallConfigLoader.class.getResourceAsStream(WaterfallConfigLoader.DEFAULT_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        yaml = yaml.replaceFirst("(?m)^  release_date: .*$", "  release_date: { providers: [musicbrainz, spotify, discogs], min_confidence: 0.75 }");
        Matcher m = Pattern.compile("(  musicbrainz:\\n(?:    .*\\n)*?)    cost_per_call_usd: [0-9.]+\\n").matcher(yaml);
        assertThat(m.find()).as("the shipped waterfall has a musicbrainz cost").isTrue();
        return yaml.substring(0, m.start()) + m.group(1) + "    cost_per_call_usd: " + cost + "\n    monthly_budget_usd: " + budget + "\n"
                + yaml.substring(m.end());
    }

    private static CliRun enrich(Path waterfall, Path out, String prefix) {
        return CliRun.of(CliRun.SIMULATOR_CREDENTIALS, "enrich", "--input", DEMO.resolve("sample-sets.jsonl").toString(),
                "--output", out.toString(), "--providers-url", sim.baseUrl(), "--redis-uri", "redis://" + TestRedis.HOST + ":" + TestRedis.PORT,
                "--redis-prefix", prefix, "--limit-scale", String.valueOf(SCALE), "--waterfall-config", waterfall.toString());
    }

    /** Per silver row, the provider that filled release_date (or "-"). */
    private static List<String> releaseDateProviders(Path out) throws IOException {
        List<String> providers = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode fv = Json.MAPPER.readTree(line).path("provenance").path("release_date");
            providers.add(fv.isMissingNode() ? "-" : fv.path("provider").asText());
        }
        return providers;
    }

    private static Map<String, Integer> histogram(List<String> values) {
        Map<String, Integer> h = new TreeMap<>();
        values.forEach(v -> h.merge(v, 1, Integer::sum));
        return h;
    }

    /** The sample sets hold two malformed messages on purpose: refused (exit 1), everything else enriched. */
    private static void assertOnlyTheTwoMalformedLinesRefused(CliRun run) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines().filter(l -> l.contains("invalid bronze record"))).hasSize(2);
        assertThat(run.out()).contains("failed 0").as(run.out());
    }

    @Test
    void musicBrainzIsAskedAtMostFiveTimesAndItsFieldsComeFromTheNextProviders() throws IOException {
        Path unlimited = dir.resolve("unlimited.yaml");
        Files.writeString(unlimited, waterfallWithMusicBrainzBudget(0.01, 1000));
        Path budgeted = dir.resolve("budgeted.yaml");
        Files.writeString(budgeted, waterfallWithMusicBrainzBudget(0.01, 0.05));

        List<String> before;
        try (TestRedis redis = new TestRedis()) {
            sim.reset();
            CliRun run = enrich(unlimited, dir.resolve("unlimited.jsonl"), redis.prefix());
            assertOnlyTheTwoMalformedLinesRefused(run);
            before = releaseDateProviders(dir.resolve("unlimited.jsonl"));
            long asked = sim.stats().get(ProviderName.MUSICBRAINZ).requests();
            System.out.printf("without a budget: MusicBrainz asked %d times, release_date by %s%n", asked, histogram(before));
            assertThat(asked).as("the sample sets need more than five MusicBrainz requests").isGreaterThan(5);
        }

        try (TestRedis redis = new TestRedis()) {
            sim.reset();
            CliRun run = enrich(budgeted, dir.resolve("budgeted.jsonl"), redis.prefix());
            assertOnlyTheTwoMalformedLinesRefused(run);
            List<String> after = releaseDateProviders(dir.resolve("budgeted.jsonl"));
            long asked = sim.stats().get(ProviderName.MUSICBRAINZ).requests();
            System.out.printf("budget 0.05 USD at 0.01 USD a call: MusicBrainz asked %d times, release_date by %s%n%s", asked, histogram(after), run.out());
            assertThat(asked).isBetween(1L, 5L);
            String spent = redis.jedis().get(redis.prefix() + "budget:" + java.time.YearMonth.now(java.time.ZoneOffset.UTC) + ":musicbrainz");
            assertThat(Long.parseLong(spent)).as("spend in micro-USD").isEqualTo(asked * 10_000L).isLessThanOrEqualTo(50_000L);
            String[] header = run.out().lines().filter(l -> l.trim().startsWith("provider ") && l.contains("cache_hit")).findFirst().orElseThrow().trim().split("\\s+");
            String[] row = run.out().lines().filter(l -> l.trim().startsWith("musicbrainz ")).findFirst().orElseThrow().trim().split("\\s+");
            int budgetColumn = java.util.Arrays.asList(header).indexOf("budget");
            assertThat(budgetColumn).as("the summary has a budget column").isPositive();
            assertThat(Long.parseLong(row[budgetColumn])).as("the summary's budget column for musicbrainz").isPositive();

            int moved = 0;
            for (int i = 0; i < before.size(); i++) {
                if (!before.get(i).equals("musicbrainz") || after.get(i).equals("musicbrainz")) continue;
                assertThat(after.get(i)).as("row %d's release_date falls to the next provider", i).isNotEqualTo("-");
                moved++;
            }
            assertThat(moved).as("release dates MusicBrainz filled without a budget, filled by the next providers with one").isPositive();
        }
    }
}
