package io.songnodes.jobs.dlqreplay.replay;

import java.util.Locale;

/** What happened to one DLQ message; the lower-case name is the {@code status} label of {@code dlq_replay_total}. */
public enum ReplayStatus {
    /** Republished to its original queue with replay_count + 1. */
    REPLAYED,
    /** At the replay limit: moved to the parking lot. */
    PARKED,
    /** Did not match the filters: left in the DLQ. */
    SKIPPED,
    /** Matched but could not be moved (bad envelope, missing queue, nack): left in the DLQ. */
    ERROR;

    public String label() { return name().toLowerCase(Locale.ROOT); }
}
