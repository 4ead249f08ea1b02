package io.songnodes.jobs.dlqreplay.flink;

import io.songnodes.jobs.dlqreplay.replay.ReplayOutcome;
import io.songnodes.jobs.dlqreplay.replay.ReplayTally;
import org.apache.flink.api.common.accumulators.Accumulator;

/** Carries the run's tally to the client ({@code JobExecutionResult}), so {@code flink run} can print the summary. */
public final class TallyAccumulator implements Accumulator<ReplayOutcome, ReplayTally> {
    private static final long serialVersionUID = 1L;
    private ReplayTally tally = new ReplayTally();

    @Override public void add(ReplayOutcome value) { tally.add(value); }

    @Override public ReplayTally getLocalValue() { return tally; }

    @Override public void resetLocal() { tally = new ReplayTally(); }

    @Override public void merge(Accumulator<ReplayOutcome, ReplayTally> other) { tally.merge(other.getLocalValue()); }

    @Override public TallyAccumulator clone() {
        TallyAccumulator c = new TallyAccumulator();
        c.tally = tally.copy();
        return c;
    }
}
