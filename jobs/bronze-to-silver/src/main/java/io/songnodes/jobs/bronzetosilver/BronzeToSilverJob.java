package io.songnodes.jobs.bronzetosilver;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.PendingSilver;
import io.songnodes.db.Migrations;
import io.songnodes.flink.Serialization;
import io.songnodes.flink.jdbc.SilverStatements;
import io.songnodes.flink.rabbit.ConfirmedRabbitSink;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.flink.rabbit.RawMessageSchema;
import io.songnodes.model.SilverTrack;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.SourceFunction;
import org.apache.flink.streaming.connectors.rabbitmq.RMQSource;

/** Bronze to silver: validate raw records, dead-letter refusals, upsert bronze and silver rows. */
public final class BronzeToSilverJob {
    static final String UID_SOURCE = "bronze-rabbitmq-source";
    static final String UID_VALIDATE = "validate";
    static final String UID_DLQ = "dead-letter-sink";
    static final String UID_BRONZE = "bronze-sink";
    static final String UID_PENDING = "to-pending-silver";
    static final String UID_TRACKS = "silver-tracks-sink";
    static final String UID_PLAYLISTS = "silver-playlists-sink";
    static final String UID_PLAYLIST_TRACKS = "silver-playlist-tracks-sink";
    static final String UID_LINKS = "silver-links-sink";

    private final SourceFunction<String> source;
    private final Sink<Outbound> deadLetters;
    private final SilverSinks silver;
    private final BronzeToSilverOptions options;

    public BronzeToSilverJob(SourceFunction<String> source, Sink<Outbound> deadLetters, SilverSinks silver, BronzeToSilverOptions options) {
        this.source = source;
        this.deadLetters = deadLetters;
        this.silver = silver;
        this.options = options;
    }

    public void build(StreamExecutionEnvironment env) {
        Serialization.configure(env);
        // RMQSource only runs at parallelism 1; the rebalance fans the work out to the job's parallelism
        DataStream<String> raw = env.addSource(source).name("bronze").uid(UID_SOURCE).setParallelism(1).rebalance();

        SingleOutputStreamOperator<BronzeMessage> valid = raw
                .process(new ValidateFunction(options.bronzeQueue(), options.deadLetterQueue(), options.knownSources()))
                .name("validate").uid(UID_VALIDATE);
        valid.getSideOutput(ValidateFunction.DEAD_LETTERS).sinkTo(deadLetters).name("dlq").uid(UID_DLQ);

        valid.sinkTo(silver.bronze()).name("bronze").uid(UID_BRONZE);
        valid.map(PendingSilver::of).name("pending").uid(UID_PENDING)
                .keyBy(SilverTrack::trackId).sinkTo(silver.tracks()).name("silver-tracks").uid(UID_TRACKS);
        DataStream<BronzeMessage> played = valid.filter(m -> m.record().playlist() != null).name("in-playlist").uid("in-playlist");
        // one playlist row is upserted by many records: key by it so two subtasks never race on one row
        played.keyBy(SilverStatements::playlistId).sinkTo(silver.playlists()).name("silver-playlists").uid(UID_PLAYLISTS);
        played.sinkTo(silver.playlistTracks()).name("silver-playlist-tracks").uid(UID_PLAYLIST_TRACKS);
        valid.sinkTo(silver.links()).name("silver-links").uid(UID_LINKS);
    }

    public static void main(String[] args) throws Exception {
        BronzeToSilverOptions options = BronzeToSilverOptions.parse(args);
        if (options.migrate()) Migrations.migrate(options.jdbcUrl());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(options.checkpointInterval().toMillis());
        new BronzeToSilverJob(
                new RMQSource<>(options.rabbit().sourceConfig(options.prefetch()), options.bronzeQueue(), true, new RawMessageSchema()),
                new ConfirmedRabbitSink(options.rabbit(), List.of(options.deadLetterQueue()), List.of(), true),
                SilverSinks.jdbc(options.jdbcUrl()),
                options).build(env);
        env.execute("bronze-to-silver");
    }
}
