package io.songnodes.analytics.jdbc;

import io.songnodes.json.Json;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Encodes gold values in PostgreSQL's COPY text format (arrays as array literals, maps as JSON). */
final class CopyEncoder {
    private CopyEncoder() {}

    static void appendRow(StringBuilder out, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) out.append('\t');
            appendValue(out, values[i]);
        }
        out.append('\n');
    }

    static void appendValue(StringBuilder out, Object v) {
        if (v == null) {
            out.append("\\N");
        } else if (v instanceof Number || v instanceof LocalDate || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof List<?> list) {
            appendEscaped(out, arrayLiteral(list));
        } else if (v instanceof Map<?, ?> map) {
            appendEscaped(out, Json.write(map));
        } else {
            appendEscaped(out, v.toString());
        }
    }

    /** {@code {"a","b\"c",NULL}}: every element quoted, so commas and braces inside names are safe. */
    static String arrayLiteral(List<?> list) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) b.append(',');
            Object e = list.get(i);
            if (e == null) {
                b.append("NULL");
            } else if (e instanceof Number) {
                b.append(e);
            } else {
                b.append('"').append(e.toString().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
        }
        return b.append('}').toString();
    }

    private static void appendEscaped(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}
