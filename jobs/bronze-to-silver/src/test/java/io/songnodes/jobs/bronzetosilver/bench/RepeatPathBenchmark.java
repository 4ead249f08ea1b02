package io.songnodes.jobs.bronzetosilver.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.PendingSilver;
import io.songnodes.bronze.RawBody;
import io.songnodes.bronze.Validation;
import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.jobs.bronzetosilver.PipelineAccess;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.PlaylistRef;
import io.songnodes.testing.TestRabbit;
import io.songnodes.testing.TracklistFixtures;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Benchmark (not a test): the repeat-heavy path end to end, RabbitMQ to PostgreSQL, for songs already enriched. A warm
 * pass lets the streaming job enrich every song once and write every row, and stops it with a savepoint. Then the same
 * records go, through a full queue each, to a floor program (one thread: consume, parse and validate with the job's
 * validator, batch-upsert the rows the job writes for a repeat record, commit, ack) and to the job restored from the
 * savepoint (MiniCluster, parallelism 2, the real RabbitMQ source and JDBC sinks, production prefetch and checkpoint
 * interval), whose coalescing state says every song is fresh. Each is timed from its consumer's start to the last
 * record settled: committed in PostgreSQL (bronze row and silver link) or in the DLQ. Floor and job take turns for a
 * few rounds (the job stopped with a savepoint and restored each time) and the median ratio is printed.
 * Run: {@code jobs/bronze-to-silver/bench/repeat-path-benchmark.sh [RECORDS [ROUNDS]]}.
 */
public final class RepeatPathBenchmark {
    /** Records per floor transaction: about what one commit of the job's silver sink holds. */
    static final int FLOOR_BATCH = 500;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> bodies = repeatHeavy(n);
        List<BronzeMessage> valid = bodies.stream().map(b -> BronzeValidator.validate(b).message()).filter(m -> m != null).toList();
        long songs = valid.stream().map(BronzeMessage::trackId).distinct().count();
        // a record settles as its bronze and link rows (keyed by bronze key) or as a dead letter
        int units = (int) valid.stream().map(BronzeMessage::bronzeKey).distinct().count() + (bodies.size() - valid.size());
        System.out.printf("repeat path: %d records (%d invalid), %d distinct songs, %d cores%n", bodies.size(),
                bodies.size() - valid.size(), songs, Runtime.getRuntime().availableProcessors());
        try (PipelineAccess.P p = PipelineAccess.open(sim -> sim.enforceLimits(false))) {
            String[] options = {"--prefetch", "30000", "--checkpoint-interval", "2s", "--freshness", "24h"};
            Path savepoints = Files.createTempDirectory("repeat-bench-savepoints");
            JobClient warmJob = p.startStreaming(new Configuration(), options);
            Pass warm;
            String savepoint;
            try {
                long dlqBefore = p.rabbit().depth(p.dlq());
                Timestamp since = dbNow(p);
                long started = System.nanoTime();
                publish(p.rabbit(), p.bronzeQueue(), bodies, "warm");
                warm = awaitSettled(p, units, since, dlqBefore, started, "warm");
            } finally {
                // the coalescing state (every song fresh) goes on into the measured run
                savepoint = warmJob.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get(2, TimeUnit.MINUTES);
            }
            System.out.println(warm.line("job, warm pass (enriches every song once)"));

            // floor and job take turns, so that both see the same machine (its load changes over a run)
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Pass floor = floorPass(p, p.rabbit().queue("floor.bronze." + round), bodies);
                System.out.println(floor.line("round " + round + ": floor, one thread"));
                long dlqBefore = p.rabbit().depth(p.dlq());
                Timestamp since = dbNow(p);
                publish(p.rabbit(), p.bronzeQueue(), bodies, "repeat-" + round);
                Configuration restore = new Configuration();
                restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
                JobClient job = p.startStreaming(restore, options);
                Pass repeat;
                try {
                    long started = consumerAttached(p.rabbit(), p.bronzeQueue());
                    repeat = awaitSettled(p, units, since, dlqBefore, started, "repeat");
                } finally {
                    savepoint = job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                            .get(2, TimeUnit.MINUTES);
                }
                System.out.println(repeat.line("round " + round + ": job, parallelism 2"));
                ratios.add(repeat.perSecond() / floor.perSecond());
                System.out.printf("round %d: job / floor = %.2f%n", round, ratios.get(ratios.size() - 1));
            }
            try (var files = Files.walk(savepoints)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            List<Double> sorted = ratios.stream().sorted().toList();
            System.out.printf("repeat path: job / floor = %.2f (median of %d rounds; min %.2f, max %.2f)   (goal >= 0.5)%n",
                    sorted.get(sorted.size() / 2), sorted.size(), sorted.get(0), sorted.get(sorted.size() - 1));
        }
        System.exit(0);
    }

    /** One measured pass: records settled and the seconds from the consumer's start on a full queue to the last settlement. */
    record Pass(int records, long deadLetters, double seconds, double cpuSeconds) {
        double perSecond() { return records / seconds; }

        String line(String name) {
            return String.format("%-38s %6d records in %6.2f s = %5.0f records/s, JVM CPU %4.0f µs/record  (%d dead-lettered)",
                    name, records, seconds, perSecond(), cpuSeconds * 1e6 / records, deadLetters);
        }
    }

    /** CPU seconds this JVM (floor thread, MiniCluster, benchmark) has used: on a shared machine less noisy than wall time. */
    static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /**
     * The kit's 1001tracklists and MixesDB rows, copied until there are {@code n}: each copy is a new set (its own URL
     * and playlist id, so new bronze keys and playlist rows) playing the same songs.
     */
    static List<String> repeatHeavy(int n) {
        List<BronzeRecord> kit = new ArrayList<>();
        TracklistFixtures.all1001().forEach(r -> kit.add(r.bronze()));
        kit.addAll(TracklistFixtures.loadMixesDb());
        List<String> out = new ArrayList<>(n);
        for (int copy = 0; out.size() < n; copy++) {
            for (BronzeRecord b : kit) {
                if (out.size() == n) break;
                PlaylistRef p = b.playlist();
                PlaylistRef pc = p == null ? null : new PlaylistRef(p.sourcePlaylistId() + "-c" + copy, p.name(), p.dj(), p.event(),
                        p.date(), p.position(), p.cue());
                out.add(Json.write(new BronzeRecord(b.source(), b.sourceUrl() + "?copy=" + copy, b.sourceTrackId(), b.artist(), b.title(),
                        pc, b.hints(), b.scrapedAt(), b.scraperVersion())));
            }
        }
        return out;
    }

    /** Waits until every record is linked in silver and stored in bronze (after {@code since}) or dead-lettered. */
    static Pass awaitSettled(PipelineAccess.P p, int units, Timestamp since, long dlqBefore, long started, String tag) throws Exception {
        double cpuStart = cpu();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            long linked = countSince(p, "silver.bronze_links", "linked_at", since);
            long dead = p.rabbit().depth(p.dlq()) - dlqBefore;
            if (linked + dead >= units && countSince(p, "bronze.raw_tracks", "received_at", since) + dead >= units) {
                return new Pass(units, dead, (System.nanoTime() - started) / 1e9, cpu() - cpuStart);
            }
            if (System.nanoTime() > deadline) throw new IllegalStateException(tag + ": only " + (linked + dead) + " settled");
            Thread.sleep(20);
        }
    }

    /** When the job's source started consuming the (full) queue. */
    static long consumerAttached(TestRabbit rabbit, String queue) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (rabbit.channel().consumerCount(queue) == 0) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the job never consumed " + queue);
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    /** The floor: the bodies are published first, then one thread consumes them, timed from its consume to its last commit. */
    static Pass floorPass(PipelineAccess.P p, String queue, List<String> bodies) throws Exception {
        publish(p.rabbit(), queue, bodies, "floor");
        Floor floor = new Floor(p.db().jdbcUrl(), queue, bodies.size());
        Thread t = new Thread(floor, "floor");
        double cpuStart = cpu();
        t.start();
        t.join(TimeUnit.MINUTES.toMillis(10));
        if (floor.failure != null) throw floor.failure;
        return new Pass(floor.settled, floor.invalid, (floor.finishedNanos - floor.startedNanos) / 1e9, cpu() - cpuStart);
    }

    /** One thread: consume, validate, batch-upsert bronze.raw_tracks and the four silver tables in one transaction, ack. */
    static final class Floor implements Runnable {
        final String jdbcUrl;
        final String queue;
        final int expected;
        volatile Exception failure;
        volatile int settled;
        volatile int invalid;
        volatile long startedNanos;
        volatile long finishedNanos;

        Floor(String jdbcUrl, String queue, int expected) {
            this.jdbcUrl = jdbcUrl;
            this.queue = queue;
            this.expected = expected;
        }

        record Delivery(long tag, byte[] body) {}

        @Override
        public void run() {
            try (Connection mq = TestRabbit.factory().newConnection("songnodes-floor");
                 java.sql.Connection db = DriverManager.getConnection(jdbcUrl)) {
                db.setAutoCommit(false);
                Channel ch = mq.createChannel();
                ch.basicQos(30_000);
                BlockingQueue<Delivery> inbox = new LinkedBlockingQueue<>();
                PreparedStatement bronze = db.prepareStatement(SilverStatements.BRONZE_UPSERT);
                PreparedStatement track = db.prepareStatement(SilverStatements.PENDING_TRACK_UPSERT);
                PreparedStatement link = db.prepareStatement(SilverStatements.LINK_UPSERT);
                PreparedStatement playlist = db.prepareStatement(SilverStatements.PLAYLIST_UPSERT);
                PreparedStatement playlistTrack = db.prepareStatement(SilverStatements.PLAYLIST_TRACK_UPSERT);
                startedNanos = System.nanoTime();
                ch.basicConsume(queue, false, new DefaultConsumer(ch) {
                    @Override public void handleDelivery(String tag, Envelope e, AMQP.BasicProperties props, byte[] body) {
                        inbox.add(new Delivery(e.getDeliveryTag(), body));
                    }
                });
                List<Delivery> batch = new ArrayList<>(FLOOR_BATCH);
                while (settled + invalid < expected) {
                    Delivery first = inbox.poll(10, TimeUnit.SECONDS);
                    if (first == null) throw new IllegalStateException("floor: no message for 10 s");
                    batch.add(first);
                    inbox.drainTo(batch, FLOOR_BATCH - 1);
                    int ok = 0;
                    for (Delivery d : batch) {
                        Validation v = BronzeValidator.validate(RawBody.of(d.body()));
                        if (!v.isValid()) { invalid++; continue; }
                        BronzeMessage m = v.message();
                        ok++;
                        SilverStatements.BRONZE.accept(bronze, m);
                        bronze.addBatch();
                        SilverStatements.TRACK.accept(track, PendingSilver.of(m));
                        track.addBatch();
                        SilverStatements.LINK.accept(link, m);
                        link.addBatch();
                        if (m.record().playlist() != null) {
                            SilverStatements.PLAYLIST.accept(playlist, m);
                            playlist.addBatch();
                            SilverStatements.PLAYLIST_TRACK.accept(playlistTrack, m);
                            playlistTrack.addBatch();
                        }
                    }
                    for (PreparedStatement ps : List.of(bronze, track, link, playlist, playlistTrack)) ps.executeBatch();
                    db.commit();
                    ch.basicAck(batch.get(batch.size() - 1).tag(), true);
                    settled += ok;
                    batch.clear();
                }
                finishedNanos = System.nanoTime();
            } catch (Exception e) {
                failure = e;
            }
        }
    }

    /** Publishes with one confirm wait at the end, each message with its own correlation id. */
    static void publish(TestRabbit rabbit, String queue, List<String> bodies, String tag) throws Exception {
        Channel ch = rabbit.channel();
        for (int i = 0; i < bodies.size(); i++) {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().correlationId(tag + "-" + i).deliveryMode(2)
                    .contentType("application/json").build();
            ch.basicPublish("", queue, props, bodies.get(i).getBytes(StandardCharsets.UTF_8));
        }
        ch.waitForConfirmsOrDie(60_000);
    }

    static Timestamp dbNow(PipelineAccess.P p) throws Exception {
        try (java.sql.Connection c = p.db().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT now()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    static long countSince(PipelineAccess.P p, String table, String column, Timestamp since) throws Exception {
        try (java.sql.Connection c = p.db().connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE " + column + " >= ?")) {
            ps.setTimestamp(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

}
