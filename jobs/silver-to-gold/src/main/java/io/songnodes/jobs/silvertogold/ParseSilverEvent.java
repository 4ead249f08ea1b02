package io.songnodes.jobs.silvertogold;

import io.songnodes.json.Json;
import io.songnodes.model.SilverEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses silver events; a malformed one goes to the {@link #INVALID} side output with its error, never fails the job. */
public final class ParseSilverEvent extends ProcessFunction<String, RefreshRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseSilverEvent.class);
    public static final OutputTag<String> INVALID = new OutputTag<>("invalid-silver-events") {};
    private transient Counter invalid;

    @Override public void open(OpenContext ctx) {
        invalid = getRuntimeContext().getMetricGroup().counter("silver_events_invalid");
    }

    @Override public void processElement(String json, Context ctx, Collector<RefreshRequest> out) {
        try {
            out.collect(RefreshRequest.of(Json.read(json, SilverEvent.class)));
        } catch (Exception e) {
            invalid.inc();
            LOG.warn("invalid silver event ({}): {}", e.getMessage(), json);
            ctx.output(INVALID, json);
        }
    }
}
