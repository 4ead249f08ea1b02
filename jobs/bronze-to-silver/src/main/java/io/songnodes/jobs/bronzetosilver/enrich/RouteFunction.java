package io.songnodes.jobs.bronzetosilver.enrich;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.enrich.waterfall.DeadLetterAdvice;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.json.Json;
import io.songnodes.logs.LogContext;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each enrichment outcome on: {@code completed}, {@code partial}, {@code not_found} and {@code unidentified} go to silver;
 * exhausted transient failures, permanent failures, breaker-open skips, timeouts and internal errors leave
 * through {@link #DEAD_LETTERS} in the shared envelope, with the original payload unchanged.
 */
public final class RouteFunction extends ProcessFunction<Enriched, Settled> {
    private static final Logger LOG = LoggerFactory.getLogger(RouteFunction.class);
    public static final OutputTag<Outbound> DEAD_LETTERS = new OutputTag<>("enrichment-dead-letters") {};
    static final String JOB = "bronze-to-silver";

    private final String originalQueue;
    private final String deadLetterQueue;
    private transient Map<String, Counter> tracks;

    public RouteFunction(String originalQueue, String deadLetterQueue) {
        this.originalQueue = originalQueue;
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public void open(OpenContext ctx) {
        tracks = new HashMap<>();
        for (String status : new String[] {"completed", "partial", "not_found", "failed", "unidentified"}) count(status, 0);
    }

    private void count(String status) { count(status, 1); }

    private void count(String status, int n) {
        tracks.computeIfAbsent(status, s -> getRuntimeContext().getMetricGroup().addGroup("status", s).counter("enrichment_tracks")).inc(n);
    }

    @Override
    public void processElement(Enriched e, Context ctx, Collector<Settled> out) {
        if (e.failure() != null) {
            count("failed");
            deadLetter(e, e.failure(), null, null, e.reason(), 1, ctx);
            return;
        }
        if (e.advice() != null) {
            DeadLetterAdvice a = e.advice();
            count("failed");
            deadLetter(e, a.errorType(), a.provider(), a.field(), a.reason(), Math.max(1, e.providersAsked()), ctx);
            return;
        }
        count(e.status().wireName());
        out.collect(new Settled(e.message(), e.silver(), e.message().reenrichment()));
    }

    /** The envelope of a record whose enrichment failed; a replay that fails again keeps when it first failed. */
    static DeadLetter envelope(BronzeMessage m, ErrorType type, String provider, String field, String reason, int attempts, String originalQueue) {
        Instant now = Instant.now();
        DeadLetter d = DeadLetter.firstFailure(type, reason, provider, field, JOB, attempts, originalQueue, m.raw(), now);
        if (m.replayCount() > 0) {
            // --older-than selects by the first failure
            Instant first = m.firstFailedAt() != null ? m.firstFailedAt() : now;
            d = new DeadLetter(d.id(), type, reason, provider, field, JOB, attempts, m.replayCount(), first, now, originalQueue, d.payload());
        }
        return d;
    }

    private void deadLetter(Enriched e, ErrorType type, String provider, String field, String reason, int attempts, Context ctx) {
        DeadLetter d = envelope(e.message(), type, provider, field, reason, attempts, originalQueue);
        ctx.output(DEAD_LETTERS, Outbound.toQueue(deadLetterQueue, Json.write(d), d.amqpHeaders(e.message().record().source()), d.id()));
        try (LogContext c = LogContext.of(LogContext.JOB, JOB, LogContext.TRACK_ID, e.message().trackId(), LogContext.PROVIDER, provider,
                LogContext.ERROR_TYPE, type.wireName(), LogContext.ENVELOPE_ID, d.id())) {
            LOG.warn("dead letter to {}: {}", deadLetterQueue, reason);
        }
    }
}
