package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by track id: a play {@link CoalesceFunction} coalesced settles only once the enrichment it was coalesced with
 * succeeded, so no play settles without its silver row. Plays wait in state until the outcome arrives; after a failed
 * enrichment they go to the DLQ with that failure (a replay enriches them), and a play whose outcome never comes
 * (its enrichment predates this operator's state) goes there after {@code maxWait}. The last outcome is kept
 * for the freshness window, like the coalescing state.
 */
public final class SettleCoalescedFunction extends KeyedCoProcessFunction<String, EnrichmentOutcome, BronzeMessage, Settled> {
    public static final OutputTag<Outbound> DEAD_LETTERS = new OutputTag<>("coalesced-dead-letters") {};

    private final Duration freshness;
    private final Duration maxWait;
    private final String originalQueue;
    private final String deadLetterQueue;
    private transient ValueState<EnrichmentOutcome> outcome;
    private transient ListState<BronzeMessage> waiting;
    private transient ValueState<Long> deadline;

    public SettleCoalescedFunction(Duration freshness, Duration maxWait, String originalQueue, String deadLetterQueue) {
        this.freshness = freshness;
        this.maxWait = maxWait;
        this.originalQueue = originalQueue;
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public void open(OpenContext ctx) {
        ValueStateDescriptor<EnrichmentOutcome> o = new ValueStateDescriptor<>("last-outcome", EnrichmentOutcome.class);
        o.enableTimeToLive(StateTtlConfig.newBuilder(freshness).setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired).cleanupFullSnapshot().build());
        outcome = getRuntimeContext().getState(o);
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting-plays", BronzeMessage.class));
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("waiting-deadline", Long.class));
    }

    @Override
    public void processElement1(EnrichmentOutcome o, Context ctx, Collector<Settled> out) throws Exception {
        outcome.update(o);
        Iterable<BronzeMessage> plays = waiting.get();
        if (plays != null) for (BronzeMessage m : plays) settle(m, o, ctx, out);
        waiting.clear();
        Long d = deadline.value();
        if (d != null) ctx.timerService().deleteProcessingTimeTimer(d);
        deadline.clear();
    }

    @Override
    public void processElement2(BronzeMessage m, Context ctx, Collector<Settled> out) throws Exception {
        EnrichmentOutcome o = outcome.value();
        if (o != null) {
            settle(m, o, ctx, out);
            return;
        }
        waiting.add(m);
        if (deadline.value() == null) {
            long d = ctx.timerService().currentProcessingTime() + maxWait.toMillis();
            ctx.timerService().registerProcessingTimeTimer(d);
            deadline.update(d);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Settled> out) throws Exception {
        List<BronzeMessage> late = new ArrayList<>();
        Iterable<BronzeMessage> plays = waiting.get();
        if (plays != null) plays.forEach(late::add);
        EnrichmentOutcome none = new EnrichmentOutcome(ctx.getCurrentKey(), ErrorType.TIMEOUT, null, null,
                "the enrichment this play was coalesced with did not settle within " + maxWait);
        for (BronzeMessage m : late) settle(m, none, ctx, out);
        waiting.clear();
        deadline.clear();
    }

    private void settle(BronzeMessage m, EnrichmentOutcome o, Context ctx, Collector<Settled> out) {
        if (o.succeeded()) {
            out.collect(new Settled(m, null, false));
            return;
        }
        DeadLetter d = RouteFunction.envelope(m, o.failure(), o.provider(), o.field(),
                "coalesced with a play of the same track whose enrichment failed: " + o.reason(), 1, originalQueue);
        ctx.output(DEAD_LETTERS, Outbound.toQueue(deadLetterQueue, Json.write(d), d.amqpHeaders(m.record().source()), d.id()));
    }
}
