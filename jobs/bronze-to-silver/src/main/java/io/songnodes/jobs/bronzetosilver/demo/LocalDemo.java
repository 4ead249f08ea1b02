package io.songnodes.jobs.bronzetosilver.demo;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.db.Migrations;
import io.songnodes.jobs.bronzetosilver.BronzeToSilverOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The README's demo, beside the bronze-to-silver job that {@code ./songnodes demo} submitted to the session cluster
 * with the Flink CLI: publishes the sample sets to RabbitMQ, prints progress until every record is in silver or
 * the DLQ, then the summary. The job keeps running on the cluster. Takes the job's own options.
 */
public final class LocalDemo {
    private LocalDemo() {}

    public static void main(String[] args) throws Exception {
        Path input = Path.of(System.getProperty("songnodes.demo.input", "jobs/bronze-to-silver/demo/sample-sets.jsonl"));
        BronzeToSilverOptions options = BronzeToSilverOptions.parseOrExit(args);
        List<String> lines = Files.readAllLines(input).stream().filter(l -> !l.isBlank()).toList();
        List<Validation> checked = lines.stream().map(BronzeValidator::validate).toList();
        List<String> keys = checked.stream().filter(Validation::isValid).map(v -> v.message().bronzeKey()).distinct().toList();
        long invalid = checked.stream().filter(v -> !v.isValid()).count();

        Migrations.migrate(options.jdbcUrl());
        java.sql.Timestamp runStart = dbNow(options.jdbcUrl());
        long dlqBefore;
        try (Connection c = options.rabbit().connectionFactory().newConnection("songnodes-demo"); Channel ch = c.createChannel()) {
            ch.queueDeclare(options.bronzeQueue(), true, false, false, Map.of());
            ch.queueDeclare(options.deadLetterQueue(), true, false, false, Map.of());
            dlqBefore = ch.messageCount(options.deadLetterQueue());
            ch.confirmSelect();
            for (int i = 0; i < lines.size(); i++) {
                AMQP.BasicProperties p = new AMQP.BasicProperties.Builder().correlationId("demo-" + i + "-" + System.currentTimeMillis())
                        .deliveryMode(2).timestamp(new Date()).contentType("application/json").build();
                ch.basicPublish("", options.bronzeQueue(), p, lines.get(i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(30_000);
        }
        System.out.printf("[demo] published %d records from %s (%d valid, %d malformed)%n", lines.size(), input, keys.size(), invalid);

        long started = System.nanoTime();
        long linked = 0, dead = 0;
        while (System.nanoTime() - started < 120_000_000_000L) {
            LockSupport.parkNanos(1_000_000_000L);
            linked = countLinked(options.jdbcUrl(), keys, runStart);
            dead = dlqDepth(options) - dlqBefore;
            System.out.printf("[demo] %4.0fs  silver links %d/%d  dead letters %d/%d%n",
                    (System.nanoTime() - started) / 1e9, linked, keys.size(), dead, invalid);
            if (linked == keys.size() && dead >= invalid) break;
        }
        summary(options, keys, lines.size(), dead);
        System.exit(linked == keys.size() && dead >= invalid ? 0 : 1);
    }

    private static java.sql.Timestamp dbNow(String jdbcUrl) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(jdbcUrl); ResultSet rs = c.createStatement().executeQuery("SELECT now()")) {
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    /** Records of this input that this run settled (a re-run of the demo rewrites its rows). */
    private static long countLinked(String jdbcUrl, List<String> keys, java.sql.Timestamp since) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(jdbcUrl);
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM silver.bronze_links WHERE bronze_key = ANY (?) AND linked_at >= ?")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            ps.setTimestamp(2, since);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long dlqDepth(BronzeToSilverOptions options) throws Exception {
        try (Connection c = options.rabbit().connectionFactory().newConnection("songnodes-demo"); Channel ch = c.createChannel()) {
            return ch.messageCount(options.deadLetterQueue());
        }
    }

    private static void summary(BronzeToSilverOptions options, List<String> keys, int records, long dead) throws Exception {
        try (java.sql.Connection c = DriverManager.getConnection(options.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("""
                     SELECT count(DISTINCT t.track_id), count(DISTINCT t.track_id) FILTER (WHERE t.enrichment_status = 'unidentified'),
                            count(DISTINCT p.playlist_id)
                     FROM silver.bronze_links l JOIN silver.tracks t USING (track_id)
                     LEFT JOIN silver.playlist_tracks p ON p.bronze_key = l.bronze_key
                     WHERE l.bronze_key = ANY (?)""")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                System.out.println("[demo] ---------------- summary ----------------");
                System.out.printf("[demo] records in        %d%n", records);
                System.out.printf("[demo] bronze rows       %d%n", keys.size());
                System.out.printf("[demo] silver tracks     %d (%d unidentified)%n", rs.getLong(1), rs.getLong(2));
                System.out.printf("[demo] playlists         %d%n", rs.getLong(3));
                System.out.printf("[demo] dead letters      %d (queue %s)%n", dead, options.deadLetterQueue());
                System.out.printf("[demo] in = silver + DLQ %d = %d + %d%n", records, keys.size(), dead);
            }
        }
        try (java.sql.Connection c = DriverManager.getConnection(options.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("""
                     SELECT t.enrichment_status, count(*) FROM silver.tracks t
                     WHERE t.track_id IN (SELECT track_id FROM silver.bronze_links WHERE bronze_key = ANY (?)) GROUP BY 1 ORDER BY 1""");
             PreparedStatement fields = c.prepareStatement("""
                     SELECT f.value ->> 'provider', f.key, count(*) FROM silver.tracks t, jsonb_each(t.provenance) f
                     WHERE t.track_id IN (SELECT track_id FROM silver.bronze_links WHERE bronze_key = ANY (?))
                     GROUP BY 1, 2 ORDER BY 1, 2""")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            fields.setArray(1, c.createArrayOf("text", keys.toArray()));
            StringBuilder statuses = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) statuses.append(rs.getString(1)).append(' ').append(rs.getLong(2)).append("  ");
            }
            System.out.printf("[demo] track status      %s%n", statuses.toString().trim());
            System.out.println("[demo] fields per provider:");
            String provider = null;
            StringBuilder line = new StringBuilder();
            try (ResultSet rs = fields.executeQuery()) {
                while (rs.next()) {
                    if (!rs.getString(1).equals(provider)) {
                        if (provider != null) System.out.printf("[demo]   %-12s %s%n", provider, line.toString().trim());
                        provider = rs.getString(1);
                        line.setLength(0);
                    }
                    line.append(rs.getString(2)).append('=').append(rs.getLong(3)).append(' ');
                }
            }
            if (provider != null) System.out.printf("[demo]   %-12s %s%n", provider, line.toString().trim());
        }
    }
}
