package io.songnodes.enrich.config;

import io.songnodes.config.ConfigException;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The config a running job uses, with hot reload that never breaks it (docs/contracts.md §5): a pushed YAML that
 * fails validation is rejected and counted, and the last good config stays in force.
 */
public final class LastGoodConfig implements Serializable {
    /** What became of one pushed config: accepted, or rejected with its errors. */
    public record Outcome(boolean accepted, List<String> errors) implements Serializable {}

    private volatile WaterfallConfig current;
    private volatile long rejected;

    public LastGoodConfig(WaterfallConfig initial) {
        this.current = Objects.requireNonNull(initial);
    }

    public WaterfallConfig current() { return current; }

    /** Configs rejected so far. */
    public long rejectedCount() { return rejected; }

    /** Validates {@code yaml}; on success it becomes current, on failure nothing changes but the count. */
    public synchronized Outcome offer(String yaml, String source) {
        try {
            current = WaterfallConfigLoader.parse(yaml, source);
            return new Outcome(true, List.of());
        } catch (ConfigException e) {
            rejected++;
            return new Outcome(false, e.errors());
        }
    }
}
