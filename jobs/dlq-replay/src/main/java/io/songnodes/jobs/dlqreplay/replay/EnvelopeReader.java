package io.songnodes.jobs.dlqreplay.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.bronze.InputText;
import io.songnodes.bronze.RawBody;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Reads a dead-letter envelope strictly, Flink-free. Whatever is in the DLQ was written by someone, so the body is
 * input like any other: it must be UTF-8, bounded, a JSON object, and every field that becomes a queue name, a header
 * or a filter key must obey its rule. A refusal names the field and the rule; the message then stays in the DLQ.
 */
public final class EnvelopeReader {
    /** Envelopes carry one bronze message (64 KiB at most, base64 a third more) plus short fields. */
    public static final int MAX_ENVELOPE_BYTES = 1024 * 1024;
    /** AMQP queue names and short strings are at most 255 bytes. */
    public static final int MAX_QUEUE_BYTES = 255;
    public static final int MAX_ID_BYTES = 255;
    public static final int MAX_NAME_BYTES = 256;
    public static final int MAX_REASON_BYTES = 64 * 1024;
    public static final int MAX_COUNT = 1_000_000;

    private EnvelopeReader() {}

    /** The envelope, or the refusal as "field: rule". */
    public record Result(DeadLetter envelope, String refusal) {
        static Result refuse(String field, String rule) { return new Result(null, field + ": " + rule); }
    }

    public static Result read(byte[] body) {
        if (body.length > MAX_ENVELOPE_BYTES) return Result.refuse("body", "is " + body.length + " bytes, over the limit of " + MAX_ENVELOPE_BYTES);
        String text = RawBody.of(body);
        if (RawBody.isNotUtf8(text)) return Result.refuse("body", "not valid UTF-8 (" + RawBody.firstBadByte(body) + ")");
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            return Result.refuse("body", "not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (n == null || !n.isObject()) return Result.refuse("body", "not a JSON object");

        String bad = text(n, "id", MAX_ID_BYTES, true);
        if (bad == null) bad = text(n, "original_queue", MAX_QUEUE_BYTES, true);
        if (bad == null) bad = text(n, "error_type", 64, true);
        if (bad == null) bad = text(n, "provider", MAX_NAME_BYTES, false);
        if (bad == null) bad = text(n, "field", MAX_NAME_BYTES, false);
        if (bad == null) bad = text(n, "job", MAX_NAME_BYTES, false);
        if (bad == null) bad = reason(n);
        if (bad == null) bad = count(n, "replay_count", true);
        if (bad == null) bad = count(n, "attempts", false);
        if (bad == null) bad = instant(n, "first_failed_at", true);
        if (bad == null) bad = instant(n, "last_failed_at", false);
        if (bad == null) bad = payload(n);
        if (bad != null) return new Result(null, bad);
        try {
            ErrorType.fromWire(n.get("error_type").asText());
        } catch (IllegalArgumentException e) {
            return Result.refuse("error_type", "unknown value");
        }
        try {
            return new Result(Json.MAPPER.treeToValue(n, DeadLetter.class), null);
        } catch (Exception e) {
            return Result.refuse("body", "not a dead-letter envelope (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The body's {@code id} when it is a bounded string without controls, whatever else is wrong; else null. */
    public static String idOf(byte[] body) {
        if (body.length > MAX_ENVELOPE_BYTES) return null;
        String text = RawBody.of(body);
        if (RawBody.isNotUtf8(text)) return null;
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            return n != null && n.isObject() && text(n, "id", MAX_ID_BYTES, true) == null ? n.get("id").asText() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** A short identifier-like string: no controls, bounded; null when it obeys its rule. */
    private static String text(JsonNode n, String name, int maxBytes, boolean required) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return required ? name + ": missing" : null;
        if (!v.isTextual()) return name + ": must be a string";
        if (v.asText().isBlank()) return required ? name + ": must not be empty" : null;
        String problem = InputText.problem(v.asText(), maxBytes, false);
        return problem == null ? null : name + ": " + problem;
    }

    /** Free text: tab and newline allowed, NUL never, bounded. */
    private static String reason(JsonNode n) {
        JsonNode v = n.get("reason");
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) return "reason: must be a string";
        String problem = InputText.problem(v.asText(), MAX_REASON_BYTES, true);
        return problem == null ? null : "reason: " + problem;
    }

    private static String count(JsonNode n, String name, boolean required) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return required ? name + ": missing" : null;
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0 || v.asInt() > MAX_COUNT) {
            return name + ": must be an integer from 0 to " + MAX_COUNT;
        }
        return null;
    }

    private static String instant(JsonNode n, String name, boolean required) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return required ? name + ": missing" : null;
        if (!v.isTextual() || v.asText().length() > 64) return name + ": must be an ISO-8601 instant";
        try {
            Instant.parse(v.asText());
            return null;
        } catch (DateTimeParseException e) {
            return name + ": must be an ISO-8601 instant";
        }
    }

    /** The original message: text, or base64 of bytes that were not UTF-8 when {@code payload_encoding} says so. */
    private static String payload(JsonNode n) {
        JsonNode v = n.get("payload");
        if (v == null || v.isNull()) return "payload: missing";
        if (!v.isTextual()) return "payload: must be a string";
        JsonNode enc = n.get("payload_encoding");
        if (enc == null || enc.isNull()) return null;
        if (!DeadLetter.BASE64.equals(enc.asText())) return "payload_encoding: must be absent or \"" + DeadLetter.BASE64 + "\"";
        try {
            Base64.getDecoder().decode(v.asText());
            return null;
        } catch (IllegalArgumentException e) {
            return "payload: not valid base64 although payload_encoding is base64";
        }
    }
}
