package io.songnodes.jobs.bronzetosilver;

import io.songnodes.amqp.AmqpSettings;
import io.songnodes.config.ConfigException;
import io.songnodes.config.Options;
import io.songnodes.enrich.runtime.RuntimeSettings;
import io.songnodes.jobs.bronzetosilver.batch.ReenrichSelection;
import io.songnodes.jobs.bronzetosilver.enrich.EnrichSettings;
import io.songnodes.model.SilverEvent;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The job's typed options, validated once at start-up; errors name the option. Throughput of the RabbitMQ
 * source is bounded by prefetch / checkpoint interval (it acks only on completed checkpoints): the
 * defaults, 30 000 and 2 s, allow 15 000 msg/s.
 *
 * @param input     batch mode: a JSONL file of bronze records to backfill (null: RabbitMQ, or re-enrichment)
 * @param reenrich  batch mode: which silver rows to enrich again (null: no re-enrichment)
 */
public record BronzeToSilverOptions(
        Mode mode,
        AmqpSettings rabbit,
        String jdbcUrl,
        String bronzeQueue,
        String deadLetterQueue,
        String eventsExchange,
        int prefetch,
        Duration checkpointInterval,
        Set<String> knownSources,
        boolean migrate,
        EnrichSettings enrich,
        String input,
        ReenrichSelection reenrich) implements Serializable {

    /** Streaming follows RabbitMQ; batch runs a bounded backfill or re-enrichment and ends. */
    public enum Mode { STREAMING, BATCH }

    public static final String DEFAULT_BRONZE_QUEUE = "songnodes.bronze.tracks";
    public static final String DEFAULT_DLQ = "songnodes.dlq";

    /** What {@code --help} prints; a test checks it lists exactly the options {@link #parse} reads. */
    public static final String USAGE = """
              --mode streaming|batch        streaming (RabbitMQ, default) or batch (--input or --reenrich)
              --amqp-uri URI                RabbitMQ (default: $SONGNODES_AMQP_URI)
              --jdbc-url URL                PostgreSQL (default: $SONGNODES_JDBC_URL)
              --redis-uri URI               provider cache and global rate limits (default: $SONGNODES_REDIS_URI)
              --redis-prefix P              Redis key prefix shared by every job using the same quota (default: songnodes:)
              --waterfall-config FILE       per-field provider waterfall (default: the built-in waterfall.yaml)
              --config-poll DURATION        how often the waterfall file is polled while streaming (default: 2s)
              --providers-url URL           serve all providers from one URL (default: $SONGNODES_PROVIDERS_URL)
              --contact TEXT                contact in the User-Agent (default: $SONGNODES_CONTACT or the project URL)
              --async-capacity N            in-flight enrichments per subtask (default: 32)
              --async-timeout DURATION      per-track enrichment deadline (default: 2m)
              --freshness DURATION          coalescing window: a song enriched this recently is not enriched again (default: 24h)
              --bronze-queue Q              bronze input queue (default: songnodes.bronze.tracks)
              --dlq Q                       dead-letter queue (default: songnodes.dlq)
              --events-exchange X           fanout exchange for silver events (default: songnodes.silver.events)
              --prefetch N                  RabbitMQ prefetch; throughput <= prefetch / checkpoint interval (default: 30000)
              --checkpoint-interval DURATION  checkpoint interval (default: 2s)
              --sources S,...               source names used as metric labels (default: 1001tracklists,mixesdb,setlistfm,resident_advisor)
              --input FILE                  batch: JSONL file of bronze records
              --reenrich                    batch: enrich silver rows again, selected by:
              --stale P,...|all             stale for these providers
              --missing FIELD,...           missing these fields
              --source S,...                from these sources
              --status S,...                in these statuses (partial, failed, ...)
              --limit N                     at most this many rows (default: 10000)
              --skip-migrations             do not apply the database migrations at start
              --help                        print this and exit
            Durations: 500ms, 2s, 10m, 2h, 30d or ISO-8601 (PT2H).
            """;

    public static BronzeToSilverOptions parse(String[] args) { return parse(Options.parse(args), null); }

    /** For {@code main}: {@code --help} prints {@link #USAGE}; a bad option prints one line and exits 2. */
    public static BronzeToSilverOptions parseOrExit(String[] args) {
        return io.songnodes.config.JobCli.parseOrExit("bronze-to-silver", USAGE, args, o -> parse(o, null));
    }

    /** {@code providerEnv}: null in production (the TaskManager environment); tests pass stand-in credentials. */
    public static BronzeToSilverOptions parse(Options o, java.util.Map<String, String> providerEnv) {
        Mode mode = o.choice("mode", Mode.class, Mode.STREAMING);
        String input = o.string("input", null);
        ReenrichSelection reenrich = ReenrichSelection.parse(o);
        if (mode == Mode.STREAMING && (input != null || reenrich != null)) {
            throw new ConfigException(input != null ? "--input" : "--reenrich", "needs --mode batch");
        }
        if (mode == Mode.BATCH && (input == null) == (reenrich == null)) {
            throw new ConfigException("--mode", "batch needs exactly one of --input FILE or --reenrich");
        }
        BronzeToSilverOptions opts = new BronzeToSilverOptions(
                mode,
                AmqpSettings.parse(o.required("amqp-uri", AmqpSettings.ENV_URI), System.getenv(AmqpSettings.ENV_PASSWORD), "--amqp-uri"),
                o.required("jdbc-url", "SONGNODES_JDBC_URL"),
                o.string("bronze-queue", DEFAULT_BRONZE_QUEUE),
                o.string("dlq", DEFAULT_DLQ),
                o.string("events-exchange", SilverEvent.EXCHANGE),
                o.integer("prefetch", 30_000, 1, 1_000_000),
                o.duration("checkpoint-interval", Duration.ofSeconds(2)),
                Set.copyOf(List.of(o.string("sources", "1001tracklists,mixesdb,setlistfm,resident_advisor").split(","))),
                !o.flag("skip-migrations"),
                new EnrichSettings(
                        new RuntimeSettings(o.string("redis-uri", "SONGNODES_REDIS_URI", "redis://localhost:6379"),
                                o.string("redis-prefix", "songnodes:"),
                                o.string("providers-url", "SONGNODES_PROVIDERS_URL", null),
                                o.string("contact", "SONGNODES_CONTACT", RuntimeSettings.DEFAULT_CONTACT)),
                        o.string("waterfall-config", null),
                        o.duration("config-poll", Duration.ofSeconds(2)),
                        o.integer("async-capacity", 32, 1, 256),
                        o.duration("async-timeout", Duration.ofMinutes(2)),
                        o.duration("freshness", Duration.ofHours(24)),
                        providerEnv == null ? null : new java.util.TreeMap<>(providerEnv)),
                input,
                reenrich);
        o.rejectUnknown();
        return opts;
    }
}
