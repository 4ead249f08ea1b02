package io.songnodes.jobs.dlqreplay;

import io.songnodes.jobs.dlqreplay.flink.DlqReplaySource;
import io.songnodes.jobs.dlqreplay.flink.ReplayAuditLog;
import io.songnodes.testing.FlinkTypes;
import java.time.Clock;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** Nothing in dlq-replay's graph falls back to Kryo: generic types are switched off. */
class TypesTest {
    @Test
    void theGraphHasNoGenericType() {
        var cfg = ReplayCommand.parse(new String[] {"--dry-run"}, Map.of("SONGNODES_AMQP_URI", "amqp://guest:guest@localhost:5672/%2f"),
                Clock.systemUTC());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new DlqReplayJob(new DlqReplaySource(cfg), new ReplayAuditLog()).build(env);
        FlinkTypes.assertNoGenericTypes(env);
    }
}
