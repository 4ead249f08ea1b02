package io.songnodes.jobs.silvertogold;

import io.songnodes.testing.FlinkTypes;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/** Nothing in silver-to-gold's graphs (streaming and batch) falls back to Kryo: generic types are switched off. */
class TypesTest {
    private static final String PG = "jdbc:postgresql://localhost:5432/none";

    @Test
    void theStreamingGraphHasNoGenericType() {
        SilverToGoldConfig cfg = SilverToGoldConfig.parse(new String[] {"--mode", "streaming", "--jdbc-url", PG,
                "--amqp-uri", "amqp://guest:guest@localhost:5672/%2f"}, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SilverToGoldJob(cfg, SilverEventsSource.from(cfg), SilverToGoldJob.deadLetterSink(cfg), new DiscardingSink<>()).build(env);
        FlinkTypes.assertNoGenericTypes(env);
    }

    @Test
    void theBatchGraphHasNoGenericType() {
        SilverToGoldConfig cfg = SilverToGoldConfig.parse(new String[] {"--mode", "batch", "--jdbc-url", PG}, Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new SilverToGoldJob(cfg, null, null, new DiscardingSink<>()).build(env);
        FlinkTypes.assertNoGenericTypes(env);
    }
}
