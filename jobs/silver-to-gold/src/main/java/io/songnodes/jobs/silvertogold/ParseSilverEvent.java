package io.songnodes.jobs.silvertogold;

import io.songnodes.amqp.AmqpHeaders;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.model.ErrorType;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads silver events with {@link SilverEventReader}; a refused one becomes a dead letter on {@link #INVALID}, never a job failure. */
public final class ParseSilverEvent extends ProcessFunction<String, RefreshRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseSilverEvent.class);
    public static final OutputTag<Outbound> INVALID = new OutputTag<>("invalid-silver-events") {};
    public static final String JOB = EventDeadLetters.JOB;
    private final EventDeadLetters deadLetters;
    private transient SilverEventReader reader;
    private transient Counter invalid;

    /** {@code queue} is where the events came from, recorded in dead letters for replay; they go to {@code deadLetterQueue}. */
    public ParseSilverEvent(String queue, String deadLetterQueue) {
        this.deadLetters = new EventDeadLetters(queue, deadLetterQueue);
    }

    @Override public void open(OpenContext ctx) {
        reader = new SilverEventReader(Clock.systemUTC());
        invalid = getRuntimeContext().getMetricGroup().counter("silver_events_invalid");
    }

    @Override public void processElement(String raw, Context ctx, Collector<RefreshRequest> out) {
        SilverEventReader.Result r = reader.read(raw);
        if (r.ok()) {
            out.collect(r.request());
            return;
        }
        invalid.inc();
        // the reason only: a body may be megabytes, or a secret someone published by mistake
        try (io.songnodes.logs.LogContext c = io.songnodes.logs.LogContext.of(io.songnodes.logs.LogContext.JOB, "silver-to-gold",
                io.songnodes.logs.LogContext.ERROR_TYPE, ErrorType.VALIDATION.wireName())) {
            LOG.warn("invalid silver event from {}: {}", deadLetters.queue(), AmqpHeaders.truncate(r.reason()));
        }
        ctx.output(INVALID, deadLetters.of(ErrorType.VALIDATION, "invalid silver event: " + r.reason(), r.field(), raw));
    }

}
