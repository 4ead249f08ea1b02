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

    public static BronzeToSilverOptions parse(String[] args) { return parse(Options.parse(args), null); }

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
