package io.songnodes.jobs.dlqreplay.replay;

import java.io.Serializable;

/**
 * The fate of one DLQ message, emitted after the broker has committed it (or, in a dry run, what would happen).
 * {@code destination} is the queue it went to, or null when it stayed in the DLQ.
 */
public record ReplayOutcome(String id, ReplayStatus status, boolean dryRun, String errorType, String provider, String field,
                            int replayCount, String destination, String detail) implements Serializable {}
