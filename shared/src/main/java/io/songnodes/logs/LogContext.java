package io.songnodes.logs;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * The per-record fields of the JSON log lines (the MDC the JsonTemplateLayout flattens into each line): the
 * job, the track, the provider, the error type and the dead-letter envelope. Open one around a record's work;
 * closing restores what the thread had before, so a pooled thread never carries one record's fields into the next.
 */
public final class LogContext implements AutoCloseable {
    public static final String JOB = "job";
    public static final String TRACK_ID = "track_id";
    public static final String PROVIDER = "provider";
    public static final String ERROR_TYPE = "error_type";
    public static final String ENVELOPE_ID = "envelope_id";

    private final Map<String, String> previous = new LinkedHashMap<>();

    private LogContext() {}

    /** Sets the given key/value pairs; null or blank values are left out (a field appears only where it applies). */
    public static LogContext of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) throw new IllegalArgumentException("keys and values come in pairs");
        LogContext c = new LogContext();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String k = keysAndValues[i];
            String v = keysAndValues[i + 1];
            if (v == null || v.isBlank()) continue;
            if (!c.previous.containsKey(k)) c.previous.put(k, MDC.get(k));
            MDC.put(k, v);
        }
        return c;
    }

    @Override
    public void close() {
        previous.forEach((k, v) -> {
            if (v == null) MDC.remove(k);
            else MDC.put(k, v);
        });
    }
}
