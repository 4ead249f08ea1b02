package io.songnodes.jobs.dlqreplay.flink;

import io.songnodes.jobs.dlqreplay.replay.DlqReplayer;
import io.songnodes.jobs.dlqreplay.replay.ReplayConfig;
import io.songnodes.jobs.dlqreplay.replay.ReplayOutcome;
import io.songnodes.jobs.dlqreplay.replay.ReplayReport;
import io.songnodes.jobs.dlqreplay.replay.ReplayStatus;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.source.RichSourceFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded source that performs the replay and emits one {@link ReplayOutcome} per DLQ message it examined.
 *
 * <p>Why a legacy {@code SourceFunction} at parallelism 1 rather than RMQSource or a FLIP-27 source: the safety rule
 * "ack from the DLQ only after the broker confirmed the republish" ties get, publish, confirm and ack to one AMQP
 * connection (delivery tags belong to the channel that received them), and acks must follow confirms, not Flink
 * checkpoints as in RMQSource. Non-matching messages are held unacked for the whole run, which RMQSource's prefetch
 * would turn into a stall. A FLIP-27 reader must never block in {@code pollNext}, whereas waiting for confirms and for
 * the rate limiter is the very job here; a SourceFunction's run loop owns its own thread and may wait. Parallelism 1
 * because the start-depth bound ("never consume failures that arrive later") holds only for a single consumer.
 * The run keeps no Flink state: the broker is the state, so a killed run is simply run again.
 */
public final class DlqReplaySource extends RichSourceFunction<ReplayOutcome> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(DlqReplaySource.class);
    public static final String ACCUMULATOR = "dlq-replay-tally";

    private final ReplayConfig cfg;
    private transient volatile DlqReplayer replayer;
    private transient volatile boolean running;
    private transient TallyAccumulator tally;
    private transient Map<ReplayStatus, Counter> counters;

    public DlqReplaySource(ReplayConfig cfg) { this.cfg = cfg; }

    @Override public void open(OpenContext ctx) {
        running = true;
        tally = new TallyAccumulator();
        getRuntimeContext().addAccumulator(ACCUMULATOR, tally);
        counters = new EnumMap<>(ReplayStatus.class);
        for (ReplayStatus s : ReplayStatus.values()) {
            counters.put(s, getRuntimeContext().getMetricGroup().addGroup("queue", cfg.dlq()).addGroup("status", s.label()).counter("dlq_replay"));
        }
    }

    @Override public void run(SourceContext<ReplayOutcome> ctx) throws Exception {
        // a bounded run can be shorter than a scrape interval: show the zeros first, or increase() never sees the jump
        if (!cfg.dryRun()) linger();
        replayer = new DlqReplayer(cfg, Clock.systemUTC());
        try {
            long depth = replayer.open();
            tally.getLocalValue().depthAtStart(depth);
            say((cfg.dryRun() ? "DRY RUN: " : "") + "dlq-replay starts on " + cfg.dlq() + " (" + depth + " messages), filter: " + cfg.filter().describe());
            long startNanos = System.nanoTime();
            long nextProgress = startNanos + cfg.progressEvery().toNanos();
            boolean more = true;
            while (running && more) {
                more = replayer.step(o -> emit(ctx, o));
                if (System.nanoTime() >= nextProgress || !more) {
                    say(ReplayReport.progress(tally.getLocalValue(), System.nanoTime() - startNanos));
                    nextProgress = System.nanoTime() + cfg.progressEvery().toNanos();
                }
            }
            tally.getLocalValue().stopReason(replayer.stopReason() != null ? replayer.stopReason() : "cancelled");
            say("dlq-replay finished: " + tally.getLocalValue().stopReason());
        } finally {
            replayer.close();
        }
        if (!cfg.dryRun()) linger();
    }

    /** Waits {@code --metrics-linger} on this source's own thread, ending early on cancel. */
    private void linger() {
        long until = System.nanoTime() + cfg.metricsLinger().toNanos();
        while (running && System.nanoTime() < until) LockSupport.parkNanos(50_000_000L);
    }

    private void emit(SourceContext<ReplayOutcome> ctx, ReplayOutcome o) {
        synchronized (ctx.getCheckpointLock()) {
            ctx.collect(o);
        }
        tally.add(o);
        // a dry run moves nothing, so it must not count as replays on the dashboards
        if (!o.dryRun()) counters.get(o.status()).inc();
    }

    /** Progress goes to stdout (the TaskManager's .out file, or the console when started locally) and to the log. */
    private static void say(String line) {
        System.out.println(line);
        LOG.info(line);
    }

    @Override public void cancel() {
        running = false;
        DlqReplayer r = replayer;
        if (r != null) r.requestStop();
    }
}
