package io.songnodes.jobs.silvertogold;

import io.songnodes.amqp.AmqpSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Validated, immutable configuration of the silver-to-gold job. URLs that may carry credentials are
 * best given by environment ({@code SONGNODES_JDBC_URL}, {@code SONGNODES_AMQP_URI}) so they stay out of
 * process listings; the options exist for local runs and tests.
 */
public record SilverToGoldConfig(Mode mode, String jdbcUrl, AmqpSettings amqp, String eventsExchange, String eventsQueue,
                                 String dlqQueue, Duration checkpointInterval, int prefetch, Duration statsInterval) implements Serializable {

    /** BATCH recomputes all of gold once; STREAMING follows silver events and updates the affected rows. */
    public enum Mode { BATCH, STREAMING }

    public static final String DEFAULT_EXCHANGE = "songnodes.silver.events";
    public static final String DEFAULT_QUEUE = "songnodes.gold.silver-events";

    /** Parses and validates {@code args}; fails with a message naming the bad option. */
    public static SilverToGoldConfig parse(String[] args, Map<String, String> env) {
        Options o = new Options();
        CommandLine cl = new CommandLine(o).setCaseInsensitiveEnumValuesAllowed(true);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + "\n" + cl.getUsageMessage(), e);
        }
        String jdbc = o.jdbcUrl != null ? o.jdbcUrl : env.get("SONGNODES_JDBC_URL");
        if (jdbc == null || !jdbc.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--jdbc-url (or SONGNODES_JDBC_URL) must be a jdbc:postgresql: URL");
        }
        // RabbitMQ is needed only to follow events; the settings own the password and its redaction
        AmqpSettings amqp = o.mode == Mode.STREAMING ? AmqpSettings.resolve(o.amqpUri, "--amqp-uri", env) : null;
        if (o.eventsExchange.isBlank()) throw new IllegalArgumentException("--events-exchange must not be blank");
        if (o.eventsQueue.isBlank()) throw new IllegalArgumentException("--events-queue must not be blank");
        if (o.dlqQueue.isBlank()) throw new IllegalArgumentException("--dlq-queue must not be blank");
        if (o.checkpointSeconds < 1) throw new IllegalArgumentException("--checkpoint-interval-seconds must be at least 1");
        if (o.prefetch < 1) throw new IllegalArgumentException("--prefetch must be at least 1");
        if (o.statsSeconds < 1) throw new IllegalArgumentException("--stats-interval-seconds must be at least 1");
        return new SilverToGoldConfig(o.mode, jdbc, amqp, o.eventsExchange, o.eventsQueue, o.dlqQueue, Duration.ofSeconds(o.checkpointSeconds), o.prefetch,
                Duration.ofSeconds(o.statsSeconds));
    }

    /** The URL with any password masked, for logs. */
    public static String masked(String url) {
        return url == null ? null : url.replaceAll("password=[^&]*", "password=***").replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    @Override public String toString() {
        return "SilverToGoldConfig[mode=" + mode + ", jdbcUrl=" + masked(jdbcUrl) + ", amqp=" + amqp + ", exchange="
                + eventsExchange + ", queue=" + eventsQueue + ", dlq=" + dlqQueue + ", checkpoint=" + checkpointInterval + ", prefetch=" + prefetch + ", stats=" + statsInterval + "]";
    }

    @Command(name = "silver-to-gold", description = "Recomputes gold analytics from silver (batch) or follows silver events (streaming).")
    static final class Options {
        @Option(names = "--mode", required = true, description = "batch | streaming") Mode mode;
        @Option(names = "--jdbc-url", description = "PostgreSQL JDBC URL (default: $SONGNODES_JDBC_URL)") String jdbcUrl;
        @Option(names = "--amqp-uri", description = "RabbitMQ URI, streaming only (default: $SONGNODES_AMQP_URI)") String amqpUri;
        @Option(names = "--events-exchange", defaultValue = DEFAULT_EXCHANGE, description = "fanout exchange of silver events") String eventsExchange;
        @Option(names = "--events-queue", defaultValue = DEFAULT_QUEUE, description = "durable queue bound to the exchange") String eventsQueue;
        @Option(names = "--dlq-queue", defaultValue = "songnodes.dlq", description = "dead-letter queue for malformed events") String dlqQueue;
        // RMQSource acks on checkpoint: throughput <= prefetch / interval, 200 / 5 s = 40 events/s, above a refresh's rate
        @Option(names = "--checkpoint-interval-seconds", defaultValue = "5") long checkpointSeconds;
        @Option(names = "--prefetch", defaultValue = "200") int prefetch;
        // layer statistics count every layer (millions of rows): at most once per interval while events flow
        @Option(names = "--stats-interval-seconds", defaultValue = "30") long statsSeconds;
    }
}
