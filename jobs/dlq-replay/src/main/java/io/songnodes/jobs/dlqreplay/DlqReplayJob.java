package io.songnodes.jobs.dlqreplay;

import io.songnodes.flink.Serialization;
import io.songnodes.jobs.dlqreplay.flink.DlqReplaySource;
import io.songnodes.jobs.dlqreplay.flink.ReplayAuditLog;
import io.songnodes.jobs.dlqreplay.replay.ReplayConfig;
import io.songnodes.jobs.dlqreplay.replay.ReplayOutcome;
import io.songnodes.jobs.dlqreplay.replay.ReplayReport;
import io.songnodes.jobs.dlqreplay.replay.ReplayTally;
import java.time.Clock;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.DetachedJobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

/** The dlq-replay job: one bounded replay source (parallelism 1) feeding an audit log of moved envelopes. */
public final class DlqReplayJob {
    private final SourceFunction<ReplayOutcome> source;
    private final SinkFunction<ReplayOutcome> audit;

    public DlqReplayJob(SourceFunction<ReplayOutcome> source, SinkFunction<ReplayOutcome> audit) {
        this.source = source;
        this.audit = audit;
    }

    /**
     * Key groups of the keyed state, pinned: a savepoint restores at any parallelism up to this, and changing it
     * makes every savepoint's keyed state unreadable. 128 is what Flink derived before it was pinned.
     */
    public static final int MAX_PARALLELISM = 128;

    public void build(StreamExecutionEnvironment env) {
        env.setMaxParallelism(MAX_PARALLELISM);
        Serialization.configure(env);
        env.addSource(source, "dlq replay").uid("dlq-replay-source").setParallelism(1)
                .addSink(audit).uid("dlq-replay-audit").name("audit log").setParallelism(1);
    }

    /**
     * No restarts: a restarted source would take a new start snapshot and so could pick up failures that arrived after
     * the operator started the run. A failed run leaves every message in one queue; the operator runs it again.
     */
    public static Configuration jobConfiguration() {
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return c;
    }

    /** The summary the client prints, taken from the source's accumulator. */
    public static String report(ReplayConfig cfg, JobExecutionResult result) {
        if (result instanceof DetachedJobExecutionResult) return "dlq-replay submitted detached: progress and summary are in the TaskManager's output";
        ReplayTally tally = result.getAccumulatorResult(DlqReplaySource.ACCUMULATOR);
        return ReplayReport.render(tally, cfg.dlq(), cfg.filter().describe(), cfg.maxReplays(), cfg.limits(), cfg.rate(), cfg.dryRun());
    }

    public static void main(String[] args) throws Exception {
        ReplayConfig cfg = ReplayCommand.parseOrExit(args, Clock.systemUTC());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConfiguration());
        new DlqReplayJob(new DlqReplaySource(cfg), new ReplayAuditLog()).build(env);
        JobExecutionResult result = env.execute(cfg.dryRun() ? "dlq-replay (dry run)" : "dlq-replay");
        System.out.println(report(cfg, result));
    }
}
