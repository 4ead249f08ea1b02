package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.PendingSilver;
import io.songnodes.bronze.Validation;
import io.songnodes.enrich.ProviderName;
import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.json.Json;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.SilverTrack;
import io.songnodes.model.SilverTrackBuilder;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.tools.sim.SimStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scheduled re-enrichment in BATCH mode against real PostgreSQL and the simulator: exactly the stale rows are
 * enriched again, and a batch run beside a streaming job keeps the providers' global limits (0 over-limit answers).
 */
class ReenrichITCase {
    /** Room for a streaming job and a batch job at parallelism 2 side by side. */
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension(new Configuration(), 2);

    /** The simulator's real limits are divided by this; the waterfall's rates follow, so the limiter is the only guard. */
    private static final double LIMIT_SCALE = 1;

    /** A silver row as the test wrote it: the times a re-enrichment must change, or leave alone. */
    private record Row(String trackId, Timestamp lastEnriched, Timestamp updated, String providerEnrichedAt) {}

    /** Distinct identified tracks of one kit set, as validated bronze messages. */
    private static List<BronzeMessage> tracks(int set, int n) {
        Map<String, BronzeMessage> byId = new LinkedHashMap<>();
        for (TracklistFixtures.Row r : TracklistFixtures.load1001(TracklistFixtures.files1001().get(set))) {
            Validation v = BronzeValidator.validate(Json.write(r.bronze()));
            if (v.isValid() && !v.message().unidentified()) byId.putIfAbsent(v.message().trackId(), v.message());
        }
        assertThat(byId).hasSizeGreaterThanOrEqualTo(n);
        return byId.values().stream().limit(n).toList();
    }

    /** Writes {@code m}'s silver row as a past enrichment left it, with every time set by the test. */
    private static void insert(Pipeline p, BronzeMessage m, EnrichmentStatus status, Instant enriched, Map<String, Instant> byProvider)
            throws Exception {
        SilverTrackBuilder b = PendingSilver.of(m).toBuilder();
        b.enrichmentStatus = status;
        b.lastEnrichedAt = enriched;
        b.providerEnrichedAt.putAll(byProvider);
        SilverTrack t = b.build();
        try (Connection c = p.db.connect()) {
            try (PreparedStatement ps = c.prepareStatement(SilverStatements.ENRICHED_TRACK_UPSERT)) {
                SilverStatements.TRACK.accept(ps, t);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE silver.tracks SET updated_at = ? WHERE track_id = ?")) {
                ps.setTimestamp(1, Timestamp.from(enriched));
                ps.setString(2, t.trackId());
                ps.executeUpdate();
            }
        }
    }

    private static Map<String, Row> rows(Pipeline p) throws Exception {
        Map<String, Row> out = new HashMap<>();
        try (Connection c = p.db.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT track_id, last_enriched_at, updated_at, provider_enriched_at::text FROM silver.tracks"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1), new Row(rs.getString(1), rs.getTimestamp(2), rs.getTimestamp(3), rs.getString(4)));
        }
        return out;
    }

    private static Map<String, Instant> at(String provider, Instant t, String other, Instant u) {
        return Map.of(provider, t, other, u);
    }

    @Test
    void batchReenrichmentUpdatesExactlyTheStaleRows() throws Exception {
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false))) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Duration beatportTtl = Duration.ofDays(90);
            List<BronzeMessage> tracks = tracks(2, 12);
            List<String> stale = new ArrayList<>();
            List<String> fresh = new ArrayList<>();
            for (int i = 0; i < tracks.size(); i++) {
                BronzeMessage m = tracks.get(i);
                switch (i % 3) {
                    // beatport enriched just outside its TTL; the other provider's entry is fresh and does not matter
                    case 0 -> {
                        insert(p, m, EnrichmentStatus.PARTIAL, now.minus(beatportTtl).minus(Duration.ofHours(1)),
                                at("beatport", now.minus(beatportTtl).minus(Duration.ofHours(1)), "spotify", now.minus(Duration.ofDays(1))));
                        stale.add(m.trackId());
                    }
                    // never enriched by beatport at all
                    case 1 -> {
                        insert(p, m, EnrichmentStatus.PARTIAL, now.minus(Duration.ofDays(2)), Map.of("spotify", now.minus(Duration.ofDays(2))));
                        stale.add(m.trackId());
                    }
                    // beatport well inside its TTL, though other providers are old
                    default -> {
                        insert(p, m, EnrichmentStatus.COMPLETED, now.minus(beatportTtl).plus(Duration.ofDays(1)),
                                at("beatport", now.minus(beatportTtl).plus(Duration.ofDays(1)), "musicbrainz", now.minus(Duration.ofDays(400))));
                        fresh.add(m.trackId());
                    }
                }
            }
            // an unidentified row is never re-enriched, however old
            BronzeMessage id = BronzeValidator.validate(Json.write(new io.songnodes.model.BronzeRecord("1001tracklists",
                    "https://www.1001tracklists.com/tracklist/x.html", null, "ID", "ID", null, null, now.minus(Duration.ofDays(500)), "test")))
                    .message();
            assertThat(id.unidentified()).isTrue();
            insert(p, id, EnrichmentStatus.UNIDENTIFIED, now.minus(Duration.ofDays(500)), Map.of());
            Map<String, Row> before = rows(p);
            assertThat(before).hasSize(tracks.size() + 1);

            long started = System.nanoTime();
            JobClient batch = p.startReenrichment("--stale", "beatport");
            batch.getJobExecutionResult().get(90, TimeUnit.SECONDS);
            System.out.printf("re-enrichment of %d stale rows took %d ms%n", stale.size(), (System.nanoTime() - started) / 1_000_000);

            Map<String, Row> after = rows(p);
            assertThat(after.keySet()).isEqualTo(before.keySet());
            for (String t : stale) {
                assertThat(after.get(t).lastEnriched()).as("last_enriched_at of stale " + t).isAfter(Timestamp.from(now));
                assertThat(after.get(t).updated()).as("updated_at of stale " + t).isAfter(Timestamp.from(now));
                assertThat(Instant.parse(Json.MAPPER.readTree(after.get(t).providerEnrichedAt()).get("beatport").asText()))
                        .as("beatport asked again for " + t).isAfter(now);
            }
            for (String t : fresh) assertThat(after.get(t)).as("fresh " + t + " untouched").isEqualTo(before.get(t));
            assertThat(after.get(id.trackId())).isEqualTo(before.get(id.trackId()));
            // scheduled runs write no bronze links and dead-letter nothing here; every changed row is announced
            assertThat(p.db.queryLong("SELECT count(*) FROM silver.bronze_links")).isZero();
            assertThat(p.rabbit.depth(p.dlq)).isZero();
            assertThat(p.rabbit.depth(p.events)).isEqualTo(stale.size());
            assertThat(p.providerRequests(ProviderName.BEATPORT)).isPositive();
        }
    }

    /**
     * The streaming job is running (it has already enriched other records) when the scheduled batch starts; both
     * share the Redis limiter prefix, and the simulator enforces the real limits the waterfall declares. Not one
     * answer over a limit, from the streaming job's cold start to the end of both.
     */
    @Test
    void aBatchRunBesideTheStreamingJobKeepsTheGlobalLimits() throws Exception {
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(true).limitScale(LIMIT_SCALE))) {
            p.waterfall = Pipeline.waterfallAtSimulatorLimits(LIMIT_SCALE);
            // at the quota table's Spotify 60/30 s and Beatport 20/10 s two jobs' tracks queue longer than 30 s
            p.asyncTimeout = "3m";
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            List<BronzeMessage> silver = tracks(1, 8);
            for (BronzeMessage m : silver) {
                insert(p, m, EnrichmentStatus.PARTIAL, now.minus(Duration.ofDays(200)), Map.of("spotify", now.minus(Duration.ofDays(200))));
            }
            List<String> earlier = TracklistFixtures.loadMixesDb().stream().limit(15).map(Json::write).toList();
            List<String> input = TracklistFixtures.load1001(TracklistFixtures.files1001().get(0)).stream().map(r -> Json.write(r.bronze())).toList();

            JobClient streaming = p.startStreaming();
            try {
                for (int i = 0; i < earlier.size(); i++) p.rabbit.publish(p.bronzeQueue, earlier.get(i), "earlier-" + i);
                Await.until("the streaming job's earlier records in silver", Duration.ofSeconds(60),
                        () -> p.db.queryLong("SELECT count(*) FROM silver.bronze_links") + p.rabbit.depth(p.dlq) >= earlier.size());
                Map<ProviderName, SimStats.ProviderStats> before = p.simulator.stats();

                long started = System.nanoTime();
                for (int i = 0; i < input.size(); i++) p.rabbit.publish(p.bronzeQueue, input.get(i), "concurrent-" + i);
                JobClient batch = p.startReenrichment("--stale", "spotify");
                batch.getJobExecutionResult().get(120, TimeUnit.SECONDS);
                long batchMs = (System.nanoTime() - started) / 1_000_000;
                Await.until("every streamed record in silver or the DLQ", Duration.ofSeconds(120),
                        () -> p.db.queryLong("SELECT count(*) FROM silver.bronze_links") + p.rabbit.depth(p.dlq) >= earlier.size() + input.size());
                System.out.printf("batch of %d rows done after %d ms, stream of %d records after %d ms%n before: %s%n after: %s%n",
                        silver.size(), batchMs, input.size(), (System.nanoTime() - started) / 1_000_000, before, p.simulator.stats());

                for (Map.Entry<ProviderName, SimStats.ProviderStats> e : p.simulator.stats().entrySet()) {
                    assertThat(e.getValue().overLimit()).as("over-limit answers of " + e.getKey().id()).isZero();
                    assertThat(e.getValue().requests()).as(e.getKey().id() + " was asked").isGreaterThan(before.get(e.getKey()).requests());
                }
            } finally {
                streaming.cancel().get();
            }
            // both jobs did their work under the shared limits
            assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE track_id IN ("
                    + String.join(",", silver.stream().map(m -> "'" + m.trackId() + "'").toList())
                    + ") AND last_enriched_at > '" + now + "'")).isEqualTo(silver.size());
            assertThat(p.rabbit.depth(p.dlq)).isZero();
            assertThat(p.db.queryLong("SELECT count(*) FROM silver.bronze_links")).isEqualTo(earlier.size() + input.size());
        }
    }
}
