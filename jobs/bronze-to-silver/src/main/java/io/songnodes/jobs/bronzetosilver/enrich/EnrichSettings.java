package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.enrich.runtime.RuntimeSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the job enriches: the waterfall file (null: the built-in default), how often a running job looks
 * for changes to it, the async operator's bounds, and the coalescing window. {@code providerEnv} is null
 * in production, where provider credentials come from the TaskManager's environment; tests pass the
 * simulator's stand-in credentials there.
 */
public record EnrichSettings(
        RuntimeSettings runtime,
        String waterfallFile,
        Duration configPoll,
        int asyncCapacity,
        Duration asyncTimeout,
        Duration freshness,
        java.util.Map<String, String> providerEnv) implements Serializable {

    /** The environment provider credentials are read from. */
    public java.util.Map<String, String> environment() { return providerEnv == null ? System.getenv() : providerEnv; }
}
