package io.songnodes.jobs.dlqreplay.replay;

import java.io.Serializable;

/**
 * The fate of one DLQ message, emitted after the broker has committed it (or, in a dry run, what would happen).
 * {@code reason} is the envelope's failure reason (matching messages only); {@code destination} is the queue it went
 * to, or null when it stayed in the DLQ; {@code detail} says why a matching message could not be moved.
 */
public record ReplayOutcome(String id, ReplayStatus status, boolean dryRun, String errorType, String provider, String field,
                            String reason, int replayCount, String destination, String detail) implements Serializable {}
