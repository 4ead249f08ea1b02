package io.songnodes.jobs.bronzetosilver;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.flink.rabbit.NamedRmqSource;
import io.songnodes.flink.rabbit.RawMessageSchema;
import io.songnodes.jobs.bronzetosilver.batch.ReenrichReader;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

/**
 * Where the job's records come from: raw bronze messages (RabbitMQ, a JSONL file) that are validated first,
 * or silver rows chosen for re-enrichment, which are already valid.
 */
public sealed interface BronzeInput {
    String UID_SOURCE = "bronze-source";

    /** Raw bronze text, one record per element. */
    non-sealed interface Raw extends BronzeInput {
        DataStream<String> open(StreamExecutionEnvironment env);
    }

    /** Messages built from silver rows. */
    non-sealed interface Reenrich extends BronzeInput {
        DataStream<BronzeMessage> open(StreamExecutionEnvironment env);
    }

    /** The RabbitMQ bronze queue; RMQSource runs only at parallelism 1. */
    static Raw rabbit(BronzeToSilverOptions o) {
        return rabbit(new NamedRmqSource<>(o.rabbit().sourceConfig(o.prefetch()), o.bronzeQueue(), true, new RawMessageSchema()));
    }

    static Raw rabbit(SourceFunction<String> source) {
        return env -> env.addSource(source).name("bronze").uid(UID_SOURCE).setParallelism(1);
    }

    /** A bounded JSONL backfill. */
    static Raw file(String path) {
        return env -> env.fromSource(FileSource.forRecordStreamFormat(new StrictUtf8Lines(), new Path(path)).build(),
                WatermarkStrategy.noWatermarks(), "bronze-file").uid(UID_SOURCE).setParallelism(1);
    }

    /** The silver rows a scheduled re-enrichment selected. */
    static Reenrich reenrich(BronzeToSilverOptions o) {
        return env -> env.fromData("reenrich").name("reenrich-trigger").uid("reenrich-trigger")
                .flatMap(new ReenrichReader(o.jdbcUrl(), o.reenrich(), o.enrich().waterfallFile()))
                .name("select-stale").uid(UID_SOURCE).setParallelism(1);
    }
}
