package io.songnodes.jobs.silvertogold;

import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.model.SilverEvent;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses silver events; a malformed one becomes a dead letter on the {@link #INVALID} side output, never a job failure. */
public final class ParseSilverEvent extends ProcessFunction<String, RefreshRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseSilverEvent.class);
    public static final OutputTag<Outbound> INVALID = new OutputTag<>("invalid-silver-events") {};
    public static final String JOB = "silver-to-gold";
    private final String queue;
    private final String deadLetterQueue;
    private transient Counter invalid;

    /** {@code queue} is where the events came from, recorded in dead letters for replay; they go to {@code deadLetterQueue}. */
    public ParseSilverEvent(String queue, String deadLetterQueue) {
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override public void open(OpenContext ctx) {
        invalid = getRuntimeContext().getMetricGroup().counter("silver_events_invalid");
    }

    @Override public void processElement(String json, Context ctx, Collector<RefreshRequest> out) {
        try {
            out.collect(RefreshRequest.of(Json.read(json, SilverEvent.class)));
        } catch (Exception e) {
            invalid.inc();
            LOG.warn("invalid silver event ({}): {}", e.getMessage(), json);
            DeadLetter d = DeadLetter.firstFailure(ErrorType.VALIDATION, "invalid silver event: " + e.getMessage(), null, null,
                    JOB, 1, queue, json, Instant.now());
            ctx.output(INVALID, Outbound.toQueue(deadLetterQueue, Json.write(d), d.amqpHeaders(null), d.id()));
        }
    }
}
