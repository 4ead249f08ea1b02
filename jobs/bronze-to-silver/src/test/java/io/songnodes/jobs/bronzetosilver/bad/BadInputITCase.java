package io.songnodes.jobs.bronzetosilver.bad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DeliverCallback;
import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.RawBody;
import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.flink.rabbit.NamedRmqSource;
import io.songnodes.jobs.bronzetosilver.BronzeInput;
import io.songnodes.jobs.bronzetosilver.PipelineAccess;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.model.SilverEvent;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TestRabbit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bad-input suite: seeded adversarial bronze messages of every class streamed from RabbitMQ through
 * bronze-to-silver at parallelism 2. No record may make the job restart; every message ends in exactly one place
 * (silver, by bronze key, or the DLQ, by envelope id); and under faults (PostgreSQL backends terminated, RabbitMQ
 * connections closed, Redis unreachable) nothing is lost. Counts are of settled records, never of acked ones.
 */
class BadInputITCase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What one run left behind. */
    record Outcome(int in, long silver, long deadLetters, long distinctDeadLetters, int enrichmentFailures, int restarts, List<String> problems) {}

    private static Configuration restarts() {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        return c;
    }

    @Test
    void adversarialStreamSettlesExactlyWithoutARestart(@InjectMiniCluster MiniCluster cluster) throws Exception {
        List<AdversarialBronze.Message> msgs = new AdversarialBronze(20261206L).generate(1_200);
        try (var p = PipelineAccess.open(sim -> sim.enforceLimits(false))) {
            Outcome o = run(p, cluster, msgs, null);
            Map<String, Integer> classes = new HashMap<>();
            msgs.forEach(m -> classes.merge(m.cls(), 1, Integer::sum));
            System.out.printf("bad-input suite: %d messages, %d classes %s, silver %d, dead letters %d (distinct %d, of which %d valid records that failed enrichment), restarts %d%n",
                    o.in(), classes.size(), classes, o.silver(), o.deadLetters(), o.distinctDeadLetters(), o.enrichmentFailures(), o.restarts());
            assertThat(o.problems()).isEmpty();
            assertThat(o.restarts()).as("restarts").isZero();
            assertThat(o.deadLetters()).as("no duplicate dead letters").isEqualTo(o.distinctDeadLetters());
            assertThat(o.silver() + o.distinctDeadLetters()).isEqualTo(o.in());
        }
    }

    @Test
    void faultMatrixLosesNothing(@InjectMiniCluster MiniCluster cluster) throws Exception {
        List<String> results = new ArrayList<>();
        long seed = 7;
        for (String fault : List.of("postgres-terminated", "rabbitmq-closed", "redis-unreachable")) {
            List<AdversarialBronze.Message> msgs = new AdversarialBronze(seed++).generate(300);
            try (var p = PipelineAccess.open(sim -> sim.enforceLimits(false))) {
                Consumer<PipelineAccess.P> inject = switch (fault) {
                    case "postgres-terminated" -> x -> assertThat(x.db().queryLong("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()) t")).as("job backends terminated").isPositive();
                    case "rabbitmq-closed" -> x -> {
                        // the management API lists a new connection only after its next statistics tick
                        // the source's connection too, not only the sinks': the source's broken channel must fail the task
                        Await.until("the job's source and sink connections listed", Duration.ofSeconds(30), () -> {
                            int sources = TestRabbit.connections(NamedRmqSource.NAME_PREFIX + x.rabbit().prefix()).size();
                            return sources > 0 && TestRabbit.connections(x.rabbit().prefix()).size() > sources;
                        });
                        assertThat(TestRabbit.closeConnections(x.rabbit().prefix())).as("job connections closed").isPositive();
                    };
                    default -> null;
                };
                if (fault.equals("redis-unreachable")) p.redisUnreachable();
                Outcome o = run(p, cluster, msgs, inject);
                String line = String.format("fault %s: in %d = silver %d + dead letters %d (delivered %d; %d valid records failed enrichment), restarts %d, problems %d",
                        fault, o.in(), o.silver(), o.distinctDeadLetters(), o.deadLetters(), o.enrichmentFailures(), o.restarts(), o.problems().size());
                System.out.println(line);
                results.add(line);
                assertThat(o.problems()).as(fault).isEmpty();
                assertThat(o.silver() + o.distinctDeadLetters()).as(fault).isEqualTo(o.in());
            }
        }
        assertThat(results).hasSize(3);
    }

    /** Streams {@code msgs}, injects {@code fault} a third of the way, waits until every record settled, and checks where each ended. */
    private static Outcome run(PipelineAccess.P p, MiniCluster cluster, List<AdversarialBronze.Message> msgs,
                               Consumer<PipelineAccess.P> fault) throws Exception {
        // expected place of every message
        Set<String> silverKeys = new HashSet<>();
        Map<String, AdversarialBronze.Message> byEnvelope = new HashMap<>();
        Map<String, BronzeMessage> valid = new HashMap<>();
        for (AdversarialBronze.Message m : msgs) {
            if (m.toSilver()) {
                BronzeMessage b = BronzeValidator.validate(RawBody.of(m.body())).message();
                silverKeys.add(b.bronzeKey());
                valid.put(b.bronzeKey(), b);
            }
            byEnvelope.put(AdversarialBronze.envelopeId(p.bronzeQueue(), m.body()), m);
        }
        // every event must find its rows committed when it arrives (asked on one connection: the check keeps up)
        OneConnection eventDb = new OneConnection(p.db().jdbcUrl());
        List<String> problems = new CopyOnWriteArrayList<>();
        Map<String, Set<String>> events = new ConcurrentHashMap<>();
        Connection conn = TestRabbit.factory().newConnection("songnodes-test-events");
        Channel ch = conn.createChannel();
        DeliverCallback onEvent = (tag, d) -> {
          try {
            SilverEvent e = Json.read(new String(d.getBody(), StandardCharsets.UTF_8), SilverEvent.class);
            for (String pl : e.playlistIds()) {
                long rows = eventDb.count("SELECT count(*) FROM silver.playlist_tracks WHERE playlist_id = '" + pl.replace("'", "''")
                        + "' AND track_id = '" + e.trackId() + "'");
                if (rows == 0) problems.add("event for " + e.trackId() + " in " + pl + " arrived before its row was committed");
                events.computeIfAbsent(e.trackId(), k -> ConcurrentHashMap.newKeySet()).add(pl);
            }
            if (eventDb.count("SELECT count(*) FROM silver.tracks WHERE track_id = '" + e.trackId() + "'") == 0) {
                problems.add("event for " + e.trackId() + " arrived before its track row was committed");
            }
          } catch (RuntimeException ex) {
            problems.add("event consumer: " + ex);
          }
        };
        ch.basicConsume(p.eventsQueue(), true, onEvent, t -> {});

        JobClient job = p.startStreaming(restarts());
        List<com.rabbitmq.client.GetResponse> dead = new ArrayList<>();
        try {
            Channel pub = p.rabbit().channel();
            int third = msgs.size() / 3;
            for (int i = 0; i < msgs.size(); i++) {
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().correlationId("m" + i).deliveryMode(2).build();
                pub.basicPublish("", p.bronzeQueue(), props, msgs.get(i).body());
                if (i % 100 == 99) pub.waitForConfirmsOrDie(10_000);
                if (fault != null && i == third) {
                    pub.waitForConfirmsOrDie(10_000);
                    Await.until("a third settled before the fault", Duration.ofSeconds(120), () -> {
                        dead.addAll(p.rabbit().drain(p.dlq()));
                        return count(p, "SELECT count(*) FROM silver.bronze_links") + distinct(dead) >= third / 2;
                    });
                    fault.accept(p);
                }
            }
            pub.waitForConfirmsOrDie(10_000);
            Await.until("every record settled in silver or the DLQ", Duration.ofSeconds(240), () -> {
                dead.addAll(p.rabbit().drain(p.dlq()));
                return links(p) + distinct(dead) >= msgs.size();
            });
            Await.until("every message acked", Duration.ofSeconds(60), () -> queueMessages(p.bronzeQueue()) == 0);
            long pairs = valid.values().stream().filter(b -> b.record().playlist() != null)
                    .map(b -> b.trackId() + SilverStatements.playlistId(b)).distinct().count();
            try {
                Await.until("every event delivered", Duration.ofSeconds(120), () -> events.values().stream().mapToInt(Set::size).sum() >= pairs);
            } catch (AssertionError missing) {
                // the per-record check below names each missing event
            }
            Await.stable("dead letters", Duration.ofSeconds(30), () -> { dead.addAll(p.rabbit().drain(p.dlq())); return dead.size(); });
        } finally {
            int restarts = restarts(cluster, job);
            job.cancel().get();
            ch.close();
            conn.close();
            eventDb.close();
            p.restartsSeen = restarts;
        }

        // where each message ended
        Set<String> linked = new HashSet<>(p.db().strings("SELECT bronze_key FROM silver.bronze_links"));
        Set<String> deadIds = new HashSet<>();
        int enrichmentFailures = 0;
        for (var r : dead) {
            DeadLetter d = Json.read(TestRabbit.body(r), DeadLetter.class);
            deadIds.add(d.id());
            AdversarialBronze.Message m = byEnvelope.get(d.id());
            if (m == null) { problems.add("dead letter for no input: " + d.id() + " " + d.reason()); continue; }
            if (m.toSilver()) {
                // a valid record may still fail enrichment (a provider's breaker, a timeout): accounted for, never for its data
                if (d.errorType() == ErrorType.VALIDATION || d.errorType() == ErrorType.SINK) {
                    problems.add(m.cls() + " dead-lettered: " + d.errorType() + " " + d.reason());
                }
                enrichmentFailures++;
                continue;
            }
            if (!d.reason().contains(m.expect())) problems.add(m.cls() + ": reason '" + d.reason() + "' does not name '" + m.expect() + "'");
            if (m.cls().equals("not-utf8") && !(d.payloadIsBase64() && java.util.Arrays.equals(Base64.getDecoder().decode(d.payload()), m.body()))) {
                problems.add("not-utf8 dead letter lost its bytes");
            }
        }
        for (AdversarialBronze.Message m : msgs) {
            String id = AdversarialBronze.envelopeId(p.bronzeQueue(), m.body());
            boolean inDlq = deadIds.contains(id);
            boolean inSilver = m.toSilver() && linked.contains(BronzeValidator.validate(RawBody.of(m.body())).message().bronzeKey());
            if (inDlq == inSilver) problems.add(m.cls() + " is in " + (inDlq ? "both silver and the DLQ" : "neither silver nor the DLQ"));
        }
        if (!silverKeys.containsAll(linked)) problems.add("silver holds keys no valid input has");
        // coalesced plays are announced too: every valid record's (track, playlist) has its event
        for (BronzeMessage b : valid.values()) {
            if (b.record().playlist() == null || !linked.contains(b.bronzeKey())) continue;
            if (!events.getOrDefault(b.trackId(), Set.of()).contains(SilverStatements.playlistId(b))) {
                problems.add("no silver event for " + b.trackId() + " in " + SilverStatements.playlistId(b));
            }
        }
        return new Outcome(msgs.size(), linked.size(), dead.size(), deadIds.size(), enrichmentFailures, p.restartsSeen, problems.size() > 20 ? problems.subList(0, 20) : problems);
    }

    /** One JDBC connection for the event consumer's thread; opened again when the fault under test terminated it. */
    static final class OneConnection implements AutoCloseable {
        private final String url;
        private java.sql.Connection c;

        OneConnection(String url) { this.url = url; }

        long count(String sql) {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (c == null || c.isClosed()) c = java.sql.DriverManager.getConnection(url);
                    try (var st = c.createStatement(); var rs = st.executeQuery(sql)) {
                        rs.next();
                        return rs.getLong(1);
                    }
                } catch (java.sql.SQLException e) {
                    close();
                    if (attempt > 0) throw new IllegalStateException(sql, e);
                }
            }
        }

        @Override public void close() {
            try {
                if (c != null) c.close();
            } catch (java.sql.SQLException ignored) {
                // terminated by the fault
            }
            c = null;
        }
    }

    /** A count; asked again once when the fault under test terminated this query's own backend. */
    private static long count(PipelineAccess.P p, String sql) {
        try {
            return p.db().queryLong(sql);
        } catch (IllegalStateException terminated) {
            return p.db().queryLong(sql);
        }
    }

    private static long links(PipelineAccess.P p) { return count(p, "SELECT count(*) FROM silver.bronze_links"); }

    private static long distinct(List<com.rabbitmq.client.GetResponse> dead) {
        return dead.stream().map(r -> r.getProps().getMessageId()).distinct().count();
    }

    /** Ready plus unacknowledged messages, from the management API. */
    private static long queueMessages(String queue) {
        try {
            String auth = Base64.getEncoder().encodeToString((TestRabbit.USER + ":" + TestRabbit.PASS).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(TestRabbit.API + "/queues/%2f/"
                    + java.net.URLEncoder.encode(queue, StandardCharsets.UTF_8))).header("Authorization", "Basic " + auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode n = Json.MAPPER.readTree(r.body());
            return n.has("messages") ? n.get("messages").asLong() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Task failures the job went through, from its exception history on the MiniCluster's REST API. */
    private static int restarts(MiniCluster cluster, JobClient job) throws Exception {
        URI rest = cluster.getRestAddress().get();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(rest.resolve("/jobs/" + job.getJobID() + "/exceptions")).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode n = Json.MAPPER.readTree(r.body());
        return n.path("exceptionHistory").path("entries").size();
    }
}
