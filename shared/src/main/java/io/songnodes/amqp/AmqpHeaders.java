package io.songnodes.amqp;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bounds AMQP header values built from input. Headers travel in one content-header frame (128 KiB by default), so a
 * single oversized value (a 200,000-character {@code source}) would make the broker refuse the publish itself.
 */
public final class AmqpHeaders {
    /** Characters kept of a header value; filters compare short names, so nothing useful is cut. */
    public static final int MAX_VALUE_CHARS = 256;
    static final String ELLIPSIS = "…";

    private AmqpHeaders() {}

    /** {@code value} cut to {@link #MAX_VALUE_CHARS} characters (never inside a surrogate pair), marked with an ellipsis. */
    public static String truncate(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) return value;
        int end = MAX_VALUE_CHARS - ELLIPSIS.length();
        if (Character.isHighSurrogate(value.charAt(end - 1))) end--;
        return value.substring(0, end) + ELLIPSIS;
    }

    /** {@code value} cut to what an AMQP short string holds (255 UTF-8 bytes): message and correlation ids. */
    public static String shortString(String value) {
        return value == null ? null : io.songnodes.bronze.InputText.truncate(value, 255);
    }

    /** A copy with every text value truncated; other values (numbers, dates) are kept as they are. */
    public static Map<String, Object> bounded(Map<String, ?> headers) {
        if (headers == null) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(truncate(k), v instanceof CharSequence s ? truncate(s.toString())
                // the client hands received text headers over as LongString
                : v instanceof com.rabbitmq.client.LongString l && l.length() > MAX_VALUE_CHARS ? truncate(l.toString()) : v));
        return out;
    }
}
