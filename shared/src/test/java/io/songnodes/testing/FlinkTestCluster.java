package io.songnodes.testing;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The one MiniCluster definition every *ITCase shares: parallelism 2, as on the 2-core machines. */
public final class FlinkTestCluster {
    public static final int PARALLELISM = 2;

    private FlinkTestCluster() {}

    public static MiniClusterExtension extension() { return extension(new Configuration(), 1); }

    /**
     * The same cluster with extra configuration (a metric reporter) and room for {@code concurrentJobs} jobs
     * at parallelism 2 running side by side (a streaming job and a batch re-enrichment).
     */
    public static MiniClusterExtension extension(Configuration config, int concurrentJobs) {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(PARALLELISM * concurrentJobs)
                .setConfiguration(config)
                .build());
    }
}
