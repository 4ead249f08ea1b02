package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.enrich.ProviderName;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.PlaylistRef;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TestRabbit;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.tools.sim.FaultSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** bronze-to-silver end to end at parallelism 2: real RabbitMQ, PostgreSQL, Redis and the provider simulator. */
class BronzeToSilverITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    private static final String BAD_JSON = "this is { not json";

    /** Real rows of two 1001tracklists sets and a MixesDB mix, one song played in a second set, and two bad messages. */
    private static List<String> input() {
        List<String> in = new ArrayList<>();
        TracklistFixtures.load1001(TracklistFixtures.files1001().get(0)).forEach(r -> in.add(Json.write(r.bronze())));
        TracklistFixtures.load1001(TracklistFixtures.files1001().get(2)).forEach(r -> in.add(Json.write(r.bronze())));
        TracklistFixtures.loadMixesDb().stream().limit(25).forEach(b -> in.add(Json.write(b)));
        BronzeRecord first = TracklistFixtures.load1001(TracklistFixtures.files1001().get(0)).get(0).bronze();
        in.add(Json.write(new BronzeRecord("mixesdb", "https://www.mixesdb.com/w/2019-08-01_-_Other_Set", null,
                "Cosmic Gate", "Come With Me (Extended Mix)", new PlaylistRef(null, "Other Set", "Someone", null, "2019-08-01", 7, null),
                null, first.scrapedAt(), "test")));
        in.add(BAD_JSON);
        in.add(Json.write(first).replace("\"title\":\"Come With Me\",", ""));
        return in;
    }

    private static void publish(Pipeline p, List<String> lines, String run) {
        for (int i = 0; i < lines.size(); i++) p.rabbit.publish(p.bronzeQueue, lines.get(i), run + "-" + i);
    }

    private static long links(Pipeline p) { return p.db.queryLong("SELECT count(*) FROM silver.bronze_links"); }

    /** Waits until every record is in silver or the DLQ, cancels the job and returns the dead letters. */
    private static List<GetResponse> settle(Pipeline p, JobClient job, long records) throws Exception {
        try {
            Await.until("every record in silver or the DLQ", Duration.ofSeconds(120), () -> links(p) + p.rabbit.depth(p.dlq) >= records);
            // the track sink commits on its own schedule: wait until it has settled too
            Await.stable("silver tracks", Duration.ofSeconds(60), () -> p.db.queryLong("SELECT count(*) FROM silver.tracks"));
        } finally {
            job.cancel().get();
        }
        return p.rabbit.drain(p.dlq);
    }

    private static String statuses(Pipeline p) {
        StringBuilder b = new StringBuilder();
        for (String s : List.of("completed", "partial", "not_found", "failed", "unidentified", "pending")) {
            b.append(s).append('=').append(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE enrichment_status = '" + s + "'")).append(' ');
        }
        return b.toString().trim();
    }

    private static long distinctIds(List<GetResponse> dead) {
        return dead.stream().map(r -> r.getProps().getMessageId()).distinct().count();
    }

    @Test
    void recordsLandInSilverWithProvenanceOrInTheDlqAndReplaysDuplicateNothing() throws Exception {
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false))) {
            List<String> input = input();
            List<Validation> checked = input.stream().map(BronzeValidator::validate).toList();
            List<String> unidentified = new ArrayList<>();
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < input.size(); i++) {
                (checked.get(i).isValid() && checked.get(i).message().unidentified() ? unidentified : rest).add(input.get(i));
            }
            Set<String> trackIds = checked.stream().filter(Validation::isValid).map(v -> v.message().trackId()).collect(Collectors.toSet());
            assertThat(unidentified).hasSizeGreaterThanOrEqualTo(2);

            JobClient job = p.startStreaming();
            // unidentified rows first: they reach silver without a single provider call
            publish(p, unidentified, "unidentified");
            Await.until("unidentified rows in silver", Duration.ofSeconds(90), () -> links(p) == unidentified.size()
                    && p.db.queryLong("SELECT count(*) FROM silver.tracks") == unidentified.size());
            assertThat(p.providerRequests()).isZero();
            assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE enrichment_status = 'unidentified'")).isEqualTo(unidentified.size());

            publish(p, rest, "run1");
            List<GetResponse> dead = settle(p, job, input.size());

            // in = silver + dead letters, exactly (dead letters counted by envelope id: the sink is at-least-once)
            assertThat(links(p) + distinctIds(dead)).isEqualTo(input.size());
            assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks")).isEqualTo(trackIds.size() - (input.size() - 2 - links(p)));
            List<String> reasons = new ArrayList<>();
            for (GetResponse r : dead) reasons.add(Json.read(TestRabbit.body(r), DeadLetter.class).reason());
            assertThat(reasons).anyMatch(r -> r.startsWith("not valid JSON")).contains("missing field 'title'");
            for (GetResponse r : dead) {
                DeadLetter d = Json.read(TestRabbit.body(r), DeadLetter.class);
                assertThat(d.originalQueue()).isEqualTo(p.bronzeQueue);
                assertThat(r.getProps().getHeaders()).containsKeys(DeadLetter.H_ERROR_TYPE, DeadLetter.H_REPLAY_COUNT,
                        DeadLetter.H_ORIGINAL_QUEUE, DeadLetter.H_FIRST_FAILED_AT);
                assertThat(r.getProps().getTimestamp()).isNotNull();
                assertThat(input).contains(d.payload());
            }

            // the catalog's ids came back, each with its provenance
            String comeWithMe = checked.get(0).message().trackId();
            JsonNode row = Json.MAPPER.readTree(String.valueOf(p.db.queryLong(
                    "SELECT count(*) FROM silver.tracks WHERE track_id = '" + comeWithMe + "' AND spotify_id = '1honw3D3A6aQou1T76mAbr'"
                            + " AND beatport_id = '12069065' AND provenance -> 'bpm' ->> 'provider' IS NOT NULL"
                            + " AND (provenance -> 'spotify_id' ->> 'confidence')::float >= 0.8")));
            assertThat(row.asLong()).as("Come With Me enriched with provenance").isEqualTo(1);
            assertThat(p.db.queryLong("SELECT count(DISTINCT playlist_id) FROM silver.playlist_tracks WHERE track_id = '" + comeWithMe + "'")).isEqualTo(2);
            // every value in silver says where it came from
            for (String column : List.of("spotify_id", "beatport_id", "isrc", "bpm", "musical_key", "label", "release_date", "duration_ms")) {
                assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE " + column + " IS NOT NULL AND NOT provenance ? '" + column + "'"))
                        .as(column + " without provenance").isZero();
            }
            // the kit's own Spotify ids come back for the tracks the catalog holds, and no wrong one does
            long expected = 0, found = 0;
            for (var set : List.of(TracklistFixtures.files1001().get(0), TracklistFixtures.files1001().get(2))) {
                for (TracklistFixtures.Row r : TracklistFixtures.load1001(set)) {
                    if (r.spotifyId() == null || r.mashup() || r.mashupPart()) continue;
                    String id = BronzeValidator.validate(Json.write(r.bronze())).message().trackId();
                    expected++;
                    found += p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE track_id = '" + id + "' AND spotify_id = '" + r.spotifyId() + "'");
                    assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE track_id = '" + id + "' AND spotify_id <> '"
                            + r.spotifyId() + "'")).as("wrong Spotify id for " + r.bronze()).isZero();
                }
            }
            StringBuilder why = new StringBuilder();
            for (GetResponse r : dead) {
                DeadLetter d = Json.read(TestRabbit.body(r), DeadLetter.class);
                why.append(d.errorType().wireName()).append('/').append(d.provider()).append(": ").append(d.reason()).append("; ");
            }
            assertThat(found).as("kit Spotify ids found in silver; statuses " + statuses(p) + "; dead letters " + why)
                    .isGreaterThanOrEqualTo(expected * 9 / 10);
            // each changed track was announced to the gold job
            assertThat(p.rabbit.depth(p.events)).isGreaterThanOrEqualTo(
                    p.db.queryLong("SELECT count(*) FROM silver.tracks WHERE enrichment_status <> 'pending'"));

            // the same input again, on a new job: nothing new in silver, and every answer now comes from the cache
            long tracks = p.db.queryLong("SELECT count(*) FROM silver.tracks");
            long linked = links(p);
            long requests = p.providerRequests();
            JobClient again = p.startStreaming();
            publish(p, input, "run2");
            List<GetResponse> deadAgain = settle(p, again, input.size());
            assertThat(p.db.queryLong("SELECT count(*) FROM silver.tracks")).isEqualTo(tracks);
            assertThat(links(p)).isEqualTo(linked);
            assertThat(distinctIds(deadAgain)).isEqualTo(distinctIds(dead));
            // answers are cached; what a new job may still ask is its own OAuth token per subtask and any lookup
            // whose first answer was a failure (failures are not cached), never the bulk of the work again
            assertThat(p.providerRequests() - requests).as("second run is served by the Redis cache").isLessThanOrEqualTo(requests / 10);
        }
    }

    @Test
    void injectedProviderFaultsAreDeadLetteredWithTheirErrorType() throws Exception {
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false).fault(FaultSpec.parse("beatport:5xx:1.0")))) {
            List<String> input = TracklistFixtures.load1001(TracklistFixtures.files1001().get(0)).stream()
                    .map(r -> Json.write(r.bronze())).toList();
            JobClient job = p.startStreaming();
            publish(p, input, "faults");
            List<GetResponse> dead = settle(p, job, input.size());

            assertThat(links(p) + distinctIds(dead)).isEqualTo(input.size());
            assertThat(dead).isNotEmpty();
            for (GetResponse r : dead) {
                DeadLetter d = Json.read(TestRabbit.body(r), DeadLetter.class);
                assertThat(d.errorType().wireName()).isIn("provider_transient", "circuit_open");
                assertThat(d.provider()).isEqualTo("beatport");
                assertThat(r.getProps().getHeaders().get(DeadLetter.H_PROVIDER).toString()).isEqualTo("beatport");
            }
            assertThat(p.providerRequests(ProviderName.BEATPORT)).isPositive();
        }
    }
}
