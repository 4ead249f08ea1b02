package io.songnodes.jobs.bronzetosilver;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.db.Migrations;
import io.songnodes.flink.Serialization;
import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.flink.rabbit.ConfirmedRabbitSink;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.jobs.bronzetosilver.enrich.CoalesceFunction;
import io.songnodes.jobs.bronzetosilver.enrich.EnrichFunction;
import io.songnodes.jobs.bronzetosilver.enrich.Enriched;
import io.songnodes.jobs.bronzetosilver.enrich.LagMeter;
import io.songnodes.jobs.bronzetosilver.enrich.RouteFunction;
import io.songnodes.jobs.bronzetosilver.enrich.Settled;
import io.songnodes.jobs.bronzetosilver.enrich.SilverEvents;
import io.songnodes.model.SilverTrack;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
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
    static final String UID_LAG = "lag";
    static final String UID_TRACKS = "silver-tracks-sink";
    static final String UID_PLAYLISTS = "silver-playlists-sink";
    static final String UID_PLAYLIST_TRACKS = "silver-playlist-tracks-sink";
    static final String UID_LINKS = "silver-links-sink";
    static final String UID_EVENTS = "silver-events-sink";

    private final BronzeInput input;
    private final Sink<Outbound> deadLetters;
    private final Sink<Outbound> events;
    private final SilverSinks silver;
    private final BronzeToSilverOptions options;

    public BronzeToSilverJob(BronzeInput input, Sink<Outbound> deadLetters, Sink<Outbound> events, SilverSinks silver,
                             BronzeToSilverOptions options) {
        this.input = input;
        this.deadLetters = deadLetters;
        this.events = events;
        this.silver = silver;
        this.options = options;
    }

    public void build(StreamExecutionEnvironment env) {
        Serialization.configure(env);
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

        DataStream<Settled> settled = routed.union(fresh.getSideOutput(CoalesceFunction.SETTLED))
                .map(new LagMeter()).name("lag").uid(UID_LAG);
        DataStream<Settled> withTrack = settled.filter(Settled::hasTrack).name("with-track").uid("with-track");
        withTrack.map(Settled::track).name("track").uid("track")
                .keyBy(SilverTrack::trackId).sinkTo(silver.tracks()).name("silver-tracks").uid(UID_TRACKS);
        withTrack.map(new SilverEvents(options.eventsExchange())).name("event").uid("event")
                .sinkTo(events).name("silver-events").uid(UID_EVENTS);

        DataStream<BronzeMessage> linked = settled.filter(s -> !s.reenrichment()).name("from-bronze").uid("from-bronze")
                .map(Settled::message).name("message").uid("message");
        linked.sinkTo(silver.links()).name("silver-links").uid(UID_LINKS);
        DataStream<BronzeMessage> played = linked.filter(m -> m.record().playlist() != null).name("in-playlist").uid("in-playlist");
        // one playlist row is upserted by many records: key by it so two subtasks never race on one row
        played.keyBy(SilverStatements::playlistId).sinkTo(silver.playlists()).name("silver-playlists").uid(UID_PLAYLISTS);
        played.sinkTo(silver.playlistTracks()).name("silver-playlist-tracks").uid(UID_PLAYLIST_TRACKS);
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
                new ConfirmedRabbitSink(options.rabbit(), List.of(), List.of(options.eventsExchange()), false),
                SilverSinks.jdbc(options.jdbcUrl()), options).build(env);
        env.execute("bronze-to-silver " + options.mode().name().toLowerCase(java.util.Locale.ROOT));
    }
}
