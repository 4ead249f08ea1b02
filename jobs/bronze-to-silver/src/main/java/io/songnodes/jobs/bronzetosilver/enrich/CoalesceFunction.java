package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.PendingSilver;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by track id: a song enriched within its freshness window is not enriched again, so two sets that
 * play one song cost one enrichment; the later plays wait for that enrichment's outcome downstream and settle only
 * if it reached silver. Unidentified tracks settle at once with 0 provider calls. The state
 * carries a TTL equal to the window, so it is cleaned up by Flink rather than growing with the catalogue.
 */
public final class CoalesceFunction extends KeyedProcessFunction<String, BronzeMessage, BronzeMessage> {
    public static final OutputTag<Settled> SETTLED = new OutputTag<>("settled-without-enrichment") {};
    /** Plays of a track already on its way to enrichment: they settle once it succeeded ({@link SettleCoalescedFunction}). */
    public static final OutputTag<BronzeMessage> COALESCED = new OutputTag<>("coalesced-plays") {};

    private final Duration freshness;
    private transient ValueState<Long> lastEnriched;

    public CoalesceFunction(Duration freshness) { this.freshness = freshness; }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<Long> d = new ValueStateDescriptor<>("last-enriched-ms", Types.LONG);
        d.enableTimeToLive(StateTtlConfig.newBuilder(freshness)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupFullSnapshot()
                .build());
        lastEnriched = getRuntimeContext().getState(d);
    }

    @Override
    public void processElement(BronzeMessage m, Context ctx, Collector<BronzeMessage> out) throws Exception {
        if (m.unidentified()) {
            ctx.output(SETTLED, new Settled(m, PendingSilver.of(m), false));
            return;
        }
        // replays and scheduled re-enrichment always enrich: that is what they are for
        boolean forced = m.replayCount() > 0 || m.reenrichment();
        if (!forced && lastEnriched.value() != null) {
            ctx.output(COALESCED, m);
            return;
        }
        lastEnriched.update(ctx.timerService().currentProcessingTime());
        out.collect(m);
    }
}
