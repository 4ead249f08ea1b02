package io.songnodes.jobs.bronzetosilver;

import io.songnodes.config.Options;
import io.songnodes.flink.rabbit.RabbitSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The job's typed options, validated once at start-up. Throughput of the RabbitMQ source is bounded by
 * prefetch / checkpoint interval (it acks only on completed checkpoints): the defaults, 30 000 and 2 s,
 * allow 15 000 msg/s.
 */
public record BronzeToSilverOptions(
        RabbitSettings rabbit,
        String jdbcUrl,
        String bronzeQueue,
        String deadLetterQueue,
        int prefetch,
        Duration checkpointInterval,
        Set<String> knownSources,
        boolean migrate) implements Serializable {

    public static final String DEFAULT_BRONZE_QUEUE = "songnodes.bronze.tracks";
    public static final String DEFAULT_DLQ = "songnodes.dlq";

    public static BronzeToSilverOptions parse(String[] args) {
        Options o = Options.parse(args);
        BronzeToSilverOptions opts = new BronzeToSilverOptions(
                new RabbitSettings(o.required("amqp-uri", RabbitSettings.ENV)),
                o.required("jdbc-url", "SONGNODES_JDBC_URL"),
                o.string("bronze-queue", DEFAULT_BRONZE_QUEUE),
                o.string("dlq", DEFAULT_DLQ),
                o.integer("prefetch", 30_000, 1, 1_000_000),
                o.duration("checkpoint-interval", Duration.ofSeconds(2)),
                Set.copyOf(List.of(o.string("sources", "1001tracklists,mixesdb,setlistfm,resident_advisor").split(","))),
                !o.flag("skip-migrations"));
        o.rejectUnknown();
        return opts;
    }
}
