package io.songnodes.jobs.silvertogold;

import io.songnodes.db.Migrations;
import io.songnodes.flink.Serialization;
import io.songnodes.flink.rabbit.ConfirmedRabbitSink;
import io.songnodes.flink.rabbit.Outbound;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

/**
 * silver-to-gold. BATCH: one request recomputes all of gold from silver. STREAMING: silver events from
 * the fanout exchange update only the gold rows they affect. Both run the same Flink-free refresher,
 * so they produce the same gold.
 */
public final class SilverToGoldJob {
    private final SilverToGoldConfig config;
    private final SourceFunction<String> events;
    private final Sink<Outbound> deadLetters;
    private final Sink<Integer> done;

    /**
     * {@code events} is the silver event source and {@code deadLetters} the DLQ sink (both unused in batch mode);
     * {@code done} receives rows written per request.
     */
    public SilverToGoldJob(SilverToGoldConfig config, SourceFunction<String> events, Sink<Outbound> deadLetters, Sink<Integer> done) {
        this.config = config;
        this.events = events;
        this.deadLetters = deadLetters;
        this.done = done;
    }

    /** The shared confirmed sink on the job's DLQ, counting {@code dlq_published}. */
    public static Sink<Outbound> deadLetterSink(SilverToGoldConfig config) {
        return new ConfirmedRabbitSink(config.amqp(), List.of(config.dlqQueue()), List.of(), true);
    }

    /**
     * Key groups of the keyed state, pinned: a savepoint restores at any parallelism up to this, and changing it
     * makes every savepoint's keyed state unreadable. 128 is what Flink derived before it was pinned.
     */
    public static final int MAX_PARALLELISM = 128;

    public void build(StreamExecutionEnvironment env) {
        env.setMaxParallelism(MAX_PARALLELISM);
        Serialization.configure(env);
        if (config.mode() == SilverToGoldConfig.Mode.BATCH) {
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
            env.fromData(RefreshRequest.everything()).uid("batch-request").name("batch request").keyBy(RefreshRequest::routingKey)
                    .process(new GoldRefreshFunction(config.jdbcUrl(), config.statsInterval())).uid("gold-refresh").name("gold refresh")
                    .sinkTo(done).uid("gold-done").name("gold done");
            return;
        }
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.enableCheckpointing(config.checkpointInterval().toMillis());
        // RMQSource is not parallel; parsing stays chained to it so each refresh subtask sees events in queue order
        SingleOutputStreamOperator<RefreshRequest> parsed = env.addSource(events).uid("silver-events").name("silver events")
                .setParallelism(1)
                .process(new ParseSilverEvent(config.eventsQueue(), config.dlqQueue())).uid("parse-silver-event").name("parse silver event").setParallelism(1);
        SingleOutputStreamOperator<Integer> refreshed = parsed.keyBy(RefreshRequest::routingKey)
                .process(new GoldRefreshFunction(config.jdbcUrl(), config.statsInterval(), new EventDeadLetters(config.eventsQueue(), config.dlqQueue()))).uid("gold-refresh").name("gold refresh");
        refreshed.sinkTo(done).uid("gold-done").name("gold done");
        // refused events and refused refreshes: one confirmed sink, so a checkpoint completes only once they are queued
        parsed.getSideOutput(ParseSilverEvent.INVALID).union(refreshed.getSideOutput(GoldRefreshFunction.REFUSED))
                .sinkTo(deadLetters).uid("dead-letters").name("dead letters").setParallelism(1);
    }

    public static void main(String[] args) throws Exception {
        SilverToGoldConfig config = SilverToGoldConfig.parseOrExit(args);
        Migrations.migrate(config.jdbcUrl());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        boolean streaming = config.mode() == SilverToGoldConfig.Mode.STREAMING;
        new SilverToGoldJob(config, streaming ? SilverEventsSource.from(config) : null, streaming ? deadLetterSink(config) : null,
                new DiscardingSink<>()).build(env);
        env.execute("silver-to-gold " + config.mode().name().toLowerCase(java.util.Locale.ROOT));
    }
}
