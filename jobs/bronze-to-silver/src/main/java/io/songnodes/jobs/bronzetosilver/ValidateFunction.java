package io.songnodes.jobs.bronzetosilver;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.json.Json;
import io.songnodes.logs.LogContext;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Validates raw bronze messages; refusals leave through {@link #DEAD_LETTERS} as envelopes, unchanged. */
public final class ValidateFunction extends ProcessFunction<String, BronzeMessage> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ValidateFunction.class);
    public static final OutputTag<Outbound> DEAD_LETTERS = new OutputTag<>("validation-dead-letters") {};
    static final String JOB = "bronze-to-silver";

    private final String bronzeQueue;
    private final String deadLetterQueue;
    private final Set<String> knownSources;
    private transient Map<String, Counter> records;
    private transient Map<String, Counter> errors;

    public ValidateFunction(String bronzeQueue, String deadLetterQueue, Set<String> knownSources) {
        this.bronzeQueue = bronzeQueue;
        this.deadLetterQueue = deadLetterQueue;
        this.knownSources = Set.copyOf(knownSources);
    }

    @Override
    public void open(OpenContext ctx) {
        records = new HashMap<>();
        errors = new HashMap<>();
    }

    @Override
    public void processElement(String raw, Context ctx, Collector<BronzeMessage> out) {
        Validation v = BronzeValidator.validate(raw);
        String source = sourceLabel(v.source());
        records.computeIfAbsent(source, s -> getRuntimeContext().getMetricGroup()
                .addGroup("source", s).counter("medallion_bronze_records")).inc();
        if (v.isValid()) {
            out.collect(v.message());
            return;
        }
        errors.computeIfAbsent(source, s -> getRuntimeContext().getMetricGroup()
                .addGroup("source", s).addGroup("error_type", ErrorType.VALIDATION.wireName())
                .counter("medallion_bronze_validation_errors")).inc();
        DeadLetter d = v.deadLetter(JOB, bronzeQueue, Instant.now());
        ctx.output(DEAD_LETTERS, Outbound.toQueue(deadLetterQueue, Json.write(d), d.amqpHeaders(v.source()), d.id()));
        try (LogContext c = LogContext.of(LogContext.JOB, JOB, LogContext.ERROR_TYPE, ErrorType.VALIDATION.wireName(), LogContext.ENVELOPE_ID, d.id())) {
            LOG.warn("invalid bronze record from {} dead-lettered: {}", source, d.reason());
        }
    }

    /** Metric labels stay a small fixed set: unknown sources are counted as "other". */
    private String sourceLabel(String source) {
        if (source == null) return "unknown";
        return knownSources.contains(source) ? source : "other";
    }
}
