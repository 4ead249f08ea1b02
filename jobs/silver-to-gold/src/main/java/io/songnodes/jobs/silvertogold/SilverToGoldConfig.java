package io.songnodes.jobs.silvertogold;

import io.songnodes.amqp.AmqpSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import io.songnodes.config.ConfigException;
import io.songnodes.config.JobCli;
import io.songnodes.config.Options;

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

    /** What {@code --help} prints; a test checks it lists exactly the options {@link #parse} reads. */
    public static final String USAGE = """
              --mode batch|streaming         batch recomputes all of gold; streaming follows silver events (required)
              --jdbc-url URL                 PostgreSQL (default: $SONGNODES_JDBC_URL)
              --amqp-uri URI                 RabbitMQ, streaming only (default: $SONGNODES_AMQP_URI)
              --events-exchange X            fanout exchange of silver events (default: songnodes.silver.events)
              --events-queue Q               durable queue bound to the exchange (default: songnodes.gold.silver-events)
              --dlq Q                        dead-letter queue for malformed events (default: songnodes.dlq)
              --checkpoint-interval DURATION checkpoint interval; throughput <= prefetch / interval (default: 5s)
              --prefetch N                   RabbitMQ prefetch (default: 200)
              --stats-interval DURATION      layer statistics at most once per interval while events flow (default: 30s)
              --help                         print this and exit
            Durations: 500ms, 2s, 10m, 2h, 30d or ISO-8601 (PT2H).
            """;

    /** Parses and validates {@code args}; fails with a message naming the bad option. */
    public static SilverToGoldConfig parse(String[] args, Map<String, String> env) {
        Options o = Options.parse(args, env);
        SilverToGoldConfig c = parse(o);
        o.rejectUnknown();
        return c;
    }

    /** For {@code main}: {@code --help} prints {@link #USAGE}; a bad option prints one line and exits 2. */
    public static SilverToGoldConfig parseOrExit(String[] args) {
        return JobCli.parseOrExit("silver-to-gold", USAGE, args, SilverToGoldConfig::parse);
    }

    static SilverToGoldConfig parse(Options o) {
        if (o.string("mode", null) == null) throw new ConfigException("--mode", "required: batch or streaming");
        Mode mode = o.choice("mode", Mode.class, null);
        String jdbc = o.string("jdbc-url", "SONGNODES_JDBC_URL", null);
        if (jdbc == null || !jdbc.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("--jdbc-url", "(or SONGNODES_JDBC_URL) must be a jdbc:postgresql: URL");
        }
        // RabbitMQ is needed only to follow events; the settings own the password and its redaction
        String amqpUri = o.string("amqp-uri", null);
        AmqpSettings amqp = mode == Mode.STREAMING ? AmqpSettings.resolve(amqpUri, "--amqp-uri", o.environment()) : null;
        String exchange = nonBlank(o, "events-exchange", DEFAULT_EXCHANGE);
        String queue = nonBlank(o, "events-queue", DEFAULT_QUEUE);
        String dlq = nonBlank(o, "dlq", "songnodes.dlq");
        // RMQSource acks on checkpoint: throughput <= prefetch / interval, 200 / 5 s = 40 events/s, above a refresh's rate
        Duration checkpoint = atLeastOneSecond(o, "checkpoint-interval", Duration.ofSeconds(5));
        int prefetch = o.integer("prefetch", 200, 1, 1_000_000);
        // layer statistics count every layer (millions of rows): at most once per interval while events flow
        Duration stats = atLeastOneSecond(o, "stats-interval", Duration.ofSeconds(30));
        return new SilverToGoldConfig(mode, jdbc, amqp, exchange, queue, dlq, checkpoint, prefetch, stats);
    }

    private static String nonBlank(Options o, String key, String dflt) {
        String v = o.string(key, dflt);
        if (v.isBlank()) throw new ConfigException("--" + key, "must not be blank");
        return v;
    }

    private static Duration atLeastOneSecond(Options o, String key, Duration dflt) {
        Duration d = o.duration(key, dflt);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) throw new ConfigException("--" + key, "must be at least 1s");
        return d;
    }

    /** The URL with any password masked, for logs. */
    public static String masked(String url) {
        return url == null ? null : url.replaceAll("password=[^&]*", "password=***").replaceAll("//([^:/@]+):[^@]*@", "//$1:***@");
    }

    @Override public String toString() {
        return "SilverToGoldConfig[mode=" + mode + ", jdbcUrl=" + masked(jdbcUrl) + ", amqp=" + amqp + ", exchange="
                + eventsExchange + ", queue=" + eventsQueue + ", dlq=" + dlqQueue + ", checkpoint=" + checkpointInterval + ", prefetch=" + prefetch + ", stats=" + statsInterval + "]";
    }
}
