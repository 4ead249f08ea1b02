package io.songnodes.jobs.bronzetosilver;

import io.songnodes.testing.TestDatabase;
import io.songnodes.testing.TestRabbit;
import io.songnodes.tools.sim.SimulatorConfig;
import java.io.IOException;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;

/** Opens a {@link Pipeline} for the tests in sub-packages (the bad-input suite). */
public final class PipelineAccess {
    private PipelineAccess() {}

    public static P open(Consumer<SimulatorConfig.Builder> sim) throws IOException { return new P(new Pipeline(sim)); }

    /** A running test pipeline's parts. */
    public static final class P implements AutoCloseable {
        private final Pipeline p;
        public int restartsSeen;

        P(Pipeline p) { this.p = p; }

        public TestDatabase db() { return p.db; }
        public TestRabbit rabbit() { return p.rabbit; }
        public String bronzeQueue() { return p.bronzeQueue; }
        public String dlq() { return p.dlq; }
        public String eventsQueue() { return p.events; }

        /** Points the job at a port where nothing listens. */
        public void redisUnreachable() { p.redisUri = "redis://127.0.0.1:1"; }

        public JobClient startStreaming(Configuration config, String... extra) throws Exception {
            return p.startStreaming(config, BronzeInput::rabbit, extra);
        }

        @Override public void close() { p.close(); }
    }
}
