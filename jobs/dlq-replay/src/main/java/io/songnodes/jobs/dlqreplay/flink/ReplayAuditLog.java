package io.songnodes.jobs.dlqreplay.flink;

import io.songnodes.jobs.dlqreplay.replay.ReplayOutcome;
import io.songnodes.jobs.dlqreplay.replay.ReplayStatus;
import io.songnodes.logs.LogContext;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs where each moved (or unmovable) envelope went, so an operator can trace one id through a replay. */
public final class ReplayAuditLog implements SinkFunction<ReplayOutcome> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReplayAuditLog.class);

    @Override public void invoke(ReplayOutcome o, Context context) {
        if (o.status() == ReplayStatus.SKIPPED) return;
        try (LogContext c = LogContext.of(LogContext.JOB, "dlq-replay", LogContext.ENVELOPE_ID, o.id(),
                LogContext.ERROR_TYPE, o.errorType() == null ? null : String.valueOf(o.errorType()))) {
            if (o.status() == ReplayStatus.ERROR) {
                LOG.warn("dlq-replay {} id={} error_type={} left in the DLQ: {}", o.dryRun() ? "(dry run)" : "", o.id(), o.errorType(), o.detail());
            } else {
                LOG.info("dlq-replay {}{} id={} error_type={} replay_count={} -> {}", o.dryRun() ? "(dry run) would be " : "", o.status().label(),
                        o.id(), o.errorType(), o.replayCount(), o.destination());
            }
        }
    }
}
