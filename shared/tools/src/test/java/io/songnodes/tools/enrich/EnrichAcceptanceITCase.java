package io.songnodes.tools.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.ProviderName;
import io.songnodes.json.Json;
import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TestRedis;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.testing.TracklistFixtures.Row;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimStats;
import io.songnodes.tools.sim.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code songnodes enrich --input} over the kit's 1001tracklists sets, against the simulator serving a catalog
 * built from the same sets: it reproduces their Spotify and Beatport ids, gives mashups none, makes no
 * provider call the second time, and completes with Redis unreachable. The shipped waterfall runs in full
 * (all six providers) with every limit, the client's and the simulator's, sped up by the same factor.
 */
class EnrichAcceptanceITCase {
    /** Same factor for the simulator and the client: 1 would take minutes (MusicBrainz 1/s, Discogs 1/s). */
    private static final double SCALE = 20;
    /**
     * Recall floor. The catalog holds every id of the CSVs ({@link #catalogAnswersEveryRow} checks it), so a
     * perfect matcher reaches 1.0. The misses the engine may legitimately make are ties it refuses to choose
     * between (ambiguity margin): two versions of one song scoring alike. The kit's catalog holds several
     * versions of only two songs, so 0.95 (3 misses of 71 Spotify rows, 2 of 57 Beatport rows) leaves room
     * for those and nothing else. The measured value is printed.
     */
    private static final double MIN_RECALL = 0.95;

    private static ProviderSimulator sim;
    private static List<Row> rows;
    private static List<CatalogTrack> catalog;
    @TempDir static Path dir;
    private static Path bronze;

    @BeforeAll
    static void start() throws IOException {
        catalog = CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"));
        sim = ProviderSimulator.start(SimulatorConfig.builder().port(0).limitScale(SCALE).catalog(new Catalog(catalog)).build());
        rows = TracklistFixtures.all1001();
        bronze = dir.resolve("bronze.jsonl");
        Files.write(bronze, rows.stream().map(r -> Json.write(r.bronze())).toList());
    }

    @AfterAll
    static void stop() { sim.close(); }

    @BeforeEach
    void resetCounters() { sim.reset(); }

    private static CliRun enrich(Path out, String redisUri, String redisPrefix) {
        return CliRun.of(CliRun.SIMULATOR_CREDENTIALS, "enrich", "--input", bronze.toString(), "--output", out.toString(),
                "--providers-url", sim.baseUrl(), "--redis-uri", redisUri, "--redis-prefix", redisPrefix,
                "--limit-scale", String.valueOf(SCALE));
    }

    /** True positives, false positives, false negatives of one id column. */
    private record Score(int tp, int fp, int fn) {
        double precision() { return tp + fp == 0 ? 0 : tp / (double) (tp + fp); }
        double recall() { return tp + fn == 0 ? 0 : tp / (double) (tp + fn); }
        @Override public String toString() {
            return String.format(Locale.ROOT, "precision %.3f recall %.3f (tp %d fp %d fn %d)", precision(), recall(), tp, fp, fn);
        }
    }

    private static Score score(List<JsonNode> silver, String column, Function<Row, String> truth, List<String> misses) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.mashup()) continue;
            String expected = truth.apply(r);
            String got = silver.get(i).path(column).isTextual() ? silver.get(i).get(column).asText() : null;
            if (got != null && got.equals(expected)) tp++;
            else if (got != null) {
                fp++;
                misses.add("FP " + column + " " + r.bronze().artist() + " - " + r.bronze().title() + ": got " + got + ", csv " + expected);
            } else if (expected != null) {
                fn++;
                misses.add("FN " + column + " " + r.bronze().artist() + " - " + r.bronze().title());
            }
        }
        return new Score(tp, fp, fn);
    }

    private static List<JsonNode> readSilver(Path out) throws IOException {
        List<JsonNode> silver = new ArrayList<>();
        for (String line : Files.readAllLines(out)) silver.add(Json.MAPPER.readTree(line));
        assertThat(silver).as("one silver record per bronze line, in order").hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) assertThat(silver.get(i).path("title").asText()).isEqualTo(rows.get(i).bronze().title());
        return silver;
    }

    /** Asserts the ids against the CSVs' ground truth and returns the two scores. */
    private static Score[] assertIds(List<JsonNode> silver, String label) {
        List<String> misses = new ArrayList<>();
        Score spotify = score(silver, "spotify_id", Row::spotifyId, misses);
        Score beatport = score(silver, "beatport_id", Row::beatportId, misses);
        long mashups = rows.stream().filter(Row::mashup).count();
        System.out.printf("enrich acceptance (%s): %d rows, %d mashups; spotify %s; beatport %s%n  misses: %s%n",
                label, rows.size(), mashups, spotify, beatport, misses);
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).mashup()) continue;
            assertThat(silver.get(i).path("spotify_id").isMissingNode()).as("mashup %s gets no spotify id", rows.get(i).bronze().title()).isTrue();
            assertThat(silver.get(i).path("beatport_id").isMissingNode()).as("mashup %s gets no beatport id", rows.get(i).bronze().title()).isTrue();
        }
        assertThat(mashups).isPositive();
        assertThat(spotify.precision()).as("spotify precision").isGreaterThanOrEqualTo(0.95);
        assertThat(beatport.precision()).as("beatport precision").isGreaterThanOrEqualTo(0.95);
        assertThat(spotify.recall()).as("spotify recall").isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(beatport.recall()).as("beatport recall").isGreaterThanOrEqualTo(MIN_RECALL);
        return new Score[] {spotify, beatport};
    }

    @Test
    void catalogAnswersEveryRow() {
        Set<String> spotify = catalog.stream().map(t -> t.id("spotify")).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<String> beatport = catalog.stream().map(t -> t.id("beatport")).filter(Objects::nonNull).collect(Collectors.toSet());
        List<Row> unanswerable = rows.stream().filter(r -> !r.mashup())
                .filter(r -> r.spotifyId() != null && !spotify.contains(r.spotifyId()) || r.beatportId() != null && !beatport.contains(r.beatportId()))
                .toList();
        assertThat(unanswerable).isEmpty();
    }

    @Test
    void reproducesTheTracklistsSpotifyAndBeatportIdsWithinEveryLimit() throws IOException {
        try (TestRedis redis = new TestRedis()) {
            Path out = dir.resolve("silver-1.jsonl");
            CliRun run = enrich(out, redis.uri(), redis.prefix());
            System.out.print(run.out());
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).doesNotContain("invalid").doesNotContain(" off:");
            assertIds(readSilver(out), "redis");
            Map<ProviderName, SimStats.ProviderStats> stats = sim.stats();
            System.out.println("simulator: " + stats);
            // MusicBrainz is left out: at scale 20 its 1-per-50 ms window leaves the client a 1 ms safety margin,
            // less than localhost jitter; GlobalLimiterITCase proves its limit at the real 1/s
            stats.forEach((p, s) -> {
                if (p != ProviderName.MUSICBRAINZ) assertThat(s.overLimit()).as("over-limit answers of %s", p).isZero();
            });
            assertThat(stats.get(ProviderName.SPOTIFY).accepted()).isPositive();
            assertThat(stats.get(ProviderName.BEATPORT).accepted()).isPositive();
            assertThat(run.out()).contains("lines " + rows.size() + ", silver records written " + rows.size() + ", invalid 0, failed 0");
        }
    }

    @Test
    void aSecondIdenticalRunMakesNoProviderCall() throws IOException {
        try (TestRedis redis = new TestRedis()) {
            CliRun first = enrich(dir.resolve("first.jsonl"), redis.uri(), redis.prefix());
            assertThat(first.exitCode()).as(first.err()).isZero();
            long firstCalls = sim.stats().values().stream().mapToLong(SimStats.ProviderStats::requests).sum();
            sim.reset();
            CliRun second = enrich(dir.resolve("second.jsonl"), redis.uri(), redis.prefix());
            assertThat(second.exitCode()).as(second.err()).isZero();
            Map<ProviderName, SimStats.ProviderStats> stats = sim.stats();
            System.out.printf("second run: first made %d provider requests, second %s%n", firstCalls, stats);
            assertThat(firstCalls).isPositive();
            stats.forEach((p, s) -> assertThat(s.requests()).as("requests to %s in the second run", p).isZero());
            assertThat(second.out()).contains("provider calls 0,");
            assertIds(readSilver(dir.resolve("second.jsonl")), "second run, from the cache");
        }
    }

    @Test
    void completesWithRedisUnreachable() throws IOException {
        Path out = dir.resolve("no-redis.jsonl");
        // port 1 is closed: nothing listens there; the shared Redis is never touched
        CliRun run = enrich(out, "redis://localhost:1", "sn-test-unreachable:");
        System.out.print(run.out());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("cache bypassed (Redis down) 0\n").contains("cache hits 0,");
        assertIds(readSilver(out), "redis unreachable");
        System.out.println("simulator: " + sim.stats());
    }

    @Test
    void oneTrackIsExplainedFieldByFieldWithTheRejectedCandidates() {
        Row r = rows.stream().filter(x -> x.bronze().title().startsWith("No Holding Back") && !x.bronze().title().contains("Remix"))
                .findFirst().orElseThrow();
        try (TestRedis redis = new TestRedis()) {
            CliRun run = CliRun.of(CliRun.SIMULATOR_CREDENTIALS, "enrich", "--artist", r.bronze().artist(), "--title", r.bronze().title(),
                    "--providers-url", sim.baseUrl(), "--redis-uri", redis.uri(), "--redis-prefix", redis.prefix(), "--limit-scale", "20", "--json");
            System.out.print(run.out());
            assertThat(run.exitCode()).as(run.err()).isZero();
            // each field: value, provider:record id, confidence, rule
            assertThat(run.out())
                    .containsPattern("spotify_id\\s+" + r.spotifyId() + "\\s+spotify:" + r.spotifyId() + "\\s+conf \\d\\.\\d{3}\\s+rule spotify_id\\[match\\]=spotify")
                    .containsPattern("beatport_id\\s+" + r.beatportId() + "\\s+beatport:" + r.beatportId() + "\\s+conf \\d\\.\\d{3}\\s+rule beatport_id\\[match\\]=beatport")
                    .containsPattern("bpm\\s+\\d+\\.\\d\\s+beatport:" + r.beatportId() + "\\s+conf \\d\\.\\d{3}\\s+rule bpm\\[1\\]=beatport");
            // the remix of the same song was a candidate, and is shown turned down with its score and why
            String rejected = run.out().substring(run.out().indexOf("rejected:"));
            assertThat(rejected).containsPattern("beatport\\s+\\d+\\s+0\\.\\d{3}\\s+.*No Holding Back \\[Henry Fong Remix\\]")
                    .contains("version differs");
            assertThat(run.out()).contains("\"spotify_id\":\"" + r.spotifyId() + "\"").contains("provider calls ");
        }
    }

    @Test
    void invalidLinesAreReportedWithTheirNumberAndCounted() throws IOException {
        Path in = dir.resolve("mixed.jsonl");
        Files.write(in, List.of(Json.write(rows.get(0).bronze()), "{not json", "", "{\"source\":\"x\",\"source_url\":\"u\",\"scraped_at\":\"2025-01-01T00:00:00Z\",\"artist\":\"A\"}"));
        Path out = dir.resolve("mixed-silver.jsonl");
        try (TestRedis redis = new TestRedis()) {
            CliRun run = CliRun.of(CliRun.SIMULATOR_CREDENTIALS, "enrich", "--input", in.toString(), "--output", out.toString(),
                    "--providers-url", sim.baseUrl(), "--redis-uri", redis.uri(), "--redis-prefix", redis.prefix(), "--limit-scale", "20");
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("line 2: invalid bronze record: not valid JSON").contains("line 4: invalid bronze record: missing field 'title'");
            assertThat(run.out()).contains("lines 4, silver records written 1, invalid 2, failed 0");
            assertThat(Files.readAllLines(out)).hasSize(1);
        }
    }
}
