package io.songnodes.jobs.bronzetosilver;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.db.Migrations;
import io.songnodes.flink.Serialization;
import io.songnodes.flink.rabbit.ConfirmedRabbitSink;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.jobs.bronzetosilver.enrich.CoalesceFunction;
import io.songnodes.jobs.bronzetosilver.enrich.EnrichFunction;
import io.songnodes.jobs.bronzetosilver.enrich.Enriched;
import io.songnodes.jobs.bronzetosilver.enrich.EnrichmentOutcome;
import io.songnodes.jobs.bronzetosilver.enrich.LagMeter;
import io.songnodes.jobs.bronzetosilver.enrich.RouteFunction;
import io.songnodes.jobs.bronzetosilver.enrich.Settled;
import io.songnodes.jobs.bronzetosilver.enrich.SettleCoalescedFunction;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Bronze to silver: validate, coalesce by track id, enrich asynchronously through the provider waterfall,
 * and upsert silver; every failure leaves through a side output to the DLQ. The same operators serve the
 * RabbitMQ stream, a bounded file backfill and a scheduled re-enrichment of silver rows.
 */
public final class BronzeToSilverJob {
    static final String UID_VALIDATE = "validate";
    static final String UID_DLQ = "dead-letter-sink";
    static final String UID_BRONZE = "bronze-sink";
    static final String UID_COALESCE = "coalesce";
    static final String UID_ENRICH = "enrich";
    static final String UID_ROUTE = "route";
    static final String UID_SETTLED = "settled";
    static final String UID_OUTCOME = "enrichment-outcome";
    static final String UID_SETTLE_COALESCED = "settle-coalesced";
    static final String UID_LAG = "lag";
    static final String UID_SILVER = "silver-sink";

    private final BronzeInput input;
    private final Sink<Outbound> deadLetters;
    private final SilverSinks silver;
    private final BronzeToSilverOptions options;

    public BronzeToSilverJob(BronzeInput input, Sink<Outbound> deadLetters, SilverSinks silver, BronzeToSilverOptions options) {
        this.input = input;
        this.deadLetters = deadLetters;
        this.silver = silver;
        this.options = options;
    }

    /**
     * Key groups of the keyed state, pinned: a savepoint restores at any parallelism up to this, and changing it
     * makes every savepoint's keyed state unreadable. 128 is what Flink derived before it was pinned.
     */
    public static final int MAX_PARALLELISM = 128;

    public void build(StreamExecutionEnvironment env) {
        env.setMaxParallelism(MAX_PARALLELISM);
        Serialization.configure(env);
        // records are immutable and no function changes its input or keeps it across calls (the async operator copies
        // what it queues, the sinks keep immutable rows, state holds records read from the network), so chained
        // operators may share them: without object reuse Flink deep-copies every record at every chained hop
        env.getConfig().enableObjectReuse();
        env.setRuntimeMode(options.mode() == BronzeToSilverOptions.Mode.BATCH ? RuntimeExecutionMode.BATCH : RuntimeExecutionMode.STREAMING);
        DataStream<BronzeMessage> messages = input instanceof BronzeInput.Raw raw
                ? validated(raw.open(env)) : ((BronzeInput.Reenrich) input).open(env);

        SingleOutputStreamOperator<BronzeMessage> fresh = messages.keyBy(BronzeMessage::trackId)
                .process(new CoalesceFunction(options.enrich().freshness())).name("coalesce").uid(UID_COALESCE);
        // retries live in the core's gateway; Flink's retry strategy would retry a second time
        SingleOutputStreamOperator<Enriched> enriched = AsyncDataStream.unorderedWait(fresh, new EnrichFunction(options.enrich()),
                        options.enrich().asyncTimeout().toMillis(), TimeUnit.MILLISECONDS, options.enrich().asyncCapacity())
                .name("enrich").uid(UID_ENRICH);
        SingleOutputStreamOperator<Settled> routed = enriched
                .process(new RouteFunction(options.bronzeQueue(), options.deadLetterQueue())).name("route").uid(UID_ROUTE);
        routed.getSideOutput(RouteFunction.DEAD_LETTERS).sinkTo(deadLetters).name("enrich-dlq").uid(UID_DLQ + "-enrich");

        // coalesced plays settle only after the enrichment they were coalesced with reached silver
        SingleOutputStreamOperator<Settled> released = enriched.map(EnrichmentOutcome::of).name("enrichment-outcome").uid(UID_OUTCOME)
                .keyBy(EnrichmentOutcome::trackId)
                .connect(fresh.getSideOutput(CoalesceFunction.COALESCED).keyBy(BronzeMessage::trackId))
                // the outcome may queue behind backpressure for any time; only one that can no longer come (its enrichment
                // predates this operator's state, e.g. after an upgrade) is given up on, after the freshness window
                .process(new SettleCoalescedFunction(options.enrich().freshness(), options.enrich().freshness(),
                        options.bronzeQueue(), options.deadLetterQueue()))
                .name("settle-coalesced").uid(UID_SETTLE_COALESCED);
        released.getSideOutput(SettleCoalescedFunction.DEAD_LETTERS).sinkTo(deadLetters).name("coalesced-dlq").uid(UID_DLQ + "-coalesced");

        DataStream<Settled> settled = routed.union(fresh.getSideOutput(CoalesceFunction.SETTLED), released)
                .map(new LagMeter()).name("lag").uid(UID_LAG);
        // one transaction per batch for a record's track, link and playlist rows, then its event (see SilverSinks);
        // keyed by track id so one track row is written by one subtask; batches lock rows in key order. Every input of
        // the union comes from an operator keyed by the same track id at the same parallelism, so in streaming the
        // records are already where keyBy would send them: reinterpreting saves a shuffle, and the sink chains to "lag"
        KeySelector<Settled, String> track = s -> s.message().trackId();
        KeyedStream<Settled, String> byTrack = options.mode() == BronzeToSilverOptions.Mode.STREAMING
                ? DataStreamUtils.reinterpretAsKeyedStream(settled, track, Types.STRING) : settled.keyBy(track);
        byTrack.sinkTo(silver.silver()).name("silver").uid(UID_SILVER);
    }

    private DataStream<BronzeMessage> validated(DataStream<String> raw) {
        // the source runs at parallelism 1; the rebalance fans the work out to the job's parallelism
        SingleOutputStreamOperator<BronzeMessage> valid = raw.rebalance()
                .process(new ValidateFunction(options.bronzeQueue(), options.deadLetterQueue(), options.knownSources()))
                .name("validate").uid(UID_VALIDATE);
        valid.getSideOutput(ValidateFunction.DEAD_LETTERS).sinkTo(deadLetters).name("dlq").uid(UID_DLQ);
        valid.sinkTo(silver.bronze()).name("bronze").uid(UID_BRONZE);
        return valid;
    }

    public static void main(String[] args) throws Exception {
        BronzeToSilverOptions options = BronzeToSilverOptions.parseOrExit(args);
        if (options.migrate()) Migrations.migrate(options.jdbcUrl());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        if (options.mode() == BronzeToSilverOptions.Mode.STREAMING) env.enableCheckpointing(options.checkpointInterval().toMillis());
        BronzeInput input = options.reenrich() != null ? BronzeInput.reenrich(options)
                : options.input() != null ? BronzeInput.file(options.input()) : BronzeInput.rabbit(options);
        new BronzeToSilverJob(input,
                new ConfirmedRabbitSink(options.rabbit(), List.of(options.deadLetterQueue()), List.of(), true),
                SilverSinks.jdbc(options), options).build(env);
        env.execute("bronze-to-silver " + options.mode().name().toLowerCase(java.util.Locale.ROOT));
    }
}
