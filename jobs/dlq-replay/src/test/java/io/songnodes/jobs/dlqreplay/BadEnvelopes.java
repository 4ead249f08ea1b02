package io.songnodes.jobs.dlqreplay;

import com.rabbitmq.client.AMQP;
import io.songnodes.jobs.dlqreplay.replay.EnvelopeProperties;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of DLQ messages: valid envelopes (some at the replay limit) mixed with every class of corrupt
 * envelope dlq-replay must leave in the DLQ with a reason naming {@link Kind#field}. Every body is unique.
 */
final class BadEnvelopes {
    enum Kind {
        VALID(null), AT_LIMIT(null), GARBAGE_HEADERS(null), NOT_UTF8_PAYLOAD_BASE64(null),
        NOT_UTF8("body"), NOT_JSON("body"), NOT_OBJECT("body"), TOO_LARGE("body"),
        ID_MISSING("id"), ID_NUL("id"), ID_TOO_LONG("id"), ID_NOT_STRING("id"),
        ERROR_TYPE_MISSING("error_type"), ERROR_TYPE_UNKNOWN("error_type"),
        QUEUE_MISSING("original_queue"), QUEUE_CONTROL("original_queue"), QUEUE_TOO_LONG("original_queue"), QUEUE_NOT_ALLOWED("original_queue"),
        REPLAY_COUNT_NEGATIVE("replay_count"), REPLAY_COUNT_HUGE("replay_count"), REPLAY_COUNT_NOT_NUMBER("replay_count"),
        FIRST_FAILED_AT_GARBAGE("first_failed_at"), FIRST_FAILED_AT_MISSING("first_failed_at"),
        PAYLOAD_MISSING("payload"), PAYLOAD_BAD_BASE64("payload"), PAYLOAD_ENCODING_UNKNOWN("payload_encoding"),
        PROVIDER_CONTROL("provider"), REASON_NUL("reason");

        final String field;

        Kind(String field) { this.field = field; }

        boolean valid() { return field == null; }
    }

    record Input(int index, Kind kind, String id, byte[] body, AMQP.BasicProperties props) {}

    static List<Input> generate(long seed, int n, String bronze, String notAllowed) {
        Random rnd = new Random(seed);
        Kind[] kinds = Kind.values();
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Kind k = i < kinds.length ? kinds[i] : rnd.nextInt(3) == 0 ? Kind.VALID : kinds[rnd.nextInt(kinds.length)];
            // megabyte bodies: a few are enough
            if (k == Kind.TOO_LARGE && i >= kinds.length && rnd.nextInt(4) != 0) k = Kind.NOT_JSON;
            out.add(input(i, k, rnd, bronze, notAllowed));
        }
        return out;
    }

    private static Input input(int i, Kind k, Random rnd, String bronze, String notAllowed) {
        String id = "bad-env-" + i;
        Instant failed = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("id", id);
        env.put("error_type", "provider_transient");
        env.put("reason", "provider timed out " + i);
        env.put("provider", "spotify");
        env.put("job", "bronze-to-silver");
        env.put("attempts", 3);
        env.put("replay_count", k == Kind.AT_LIMIT ? 3 + rnd.nextInt(3) : rnd.nextInt(3));
        env.put("first_failed_at", failed.toString());
        env.put("last_failed_at", failed.plusSeconds(5).toString());
        env.put("original_queue", bronze);
        env.put("payload", "{\"source\":\"mixesdb\",\"title\":\"Track " + i + "\"}");
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put(DeadLetter.H_ERROR_TYPE, "provider_transient");
        byte[] body = null;
        switch (k) {
            case VALID, AT_LIMIT -> { }
            case GARBAGE_HEADERS -> {
                headers.put(DeadLetter.H_REPLAY_COUNT, "not a number " + i);
                headers.put(DeadLetter.H_FIRST_FAILED_AT, "someday");
                headers.put("x-custom", "h".repeat(60_000 + rnd.nextInt(1_000)));
            }
            case NOT_UTF8_PAYLOAD_BASE64 -> {
                env.put("payload", java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0xC3, '(', (byte) i}));
                env.put("payload_encoding", DeadLetter.BASE64);
            }
            case NOT_UTF8 -> {
                byte[] head = Json.writeBytes(env);
                body = java.util.Arrays.copyOf(head, head.length + 2);
                body[head.length] = (byte) 0xFF;
                body[head.length + 1] = (byte) 0xFE;
            }
            case NOT_JSON -> body = ("{\"id\":\"" + id + "\", broken").getBytes(StandardCharsets.UTF_8);
            case NOT_OBJECT -> body = ("[\"" + id + "\"]").getBytes(StandardCharsets.UTF_8);
            case TOO_LARGE -> env.put("payload", "x".repeat(1024 * 1024 + rnd.nextInt(1_000)));
            case ID_MISSING -> env.remove("id");
            case ID_NUL -> env.put("id", id + "\u0000");
            case ID_TOO_LONG -> env.put("id", id + "-" + "i".repeat(300));
            case ID_NOT_STRING -> env.put("id", Map.of("n", i));
            case ERROR_TYPE_MISSING -> env.remove("error_type");
            case ERROR_TYPE_UNKNOWN -> env.put("error_type", "exploded");
            case QUEUE_MISSING -> env.remove("original_queue");
            case QUEUE_CONTROL -> env.put("original_queue", bronze + "\n");
            case QUEUE_TOO_LONG -> env.put("original_queue", bronze + "q".repeat(300));
            case QUEUE_NOT_ALLOWED -> env.put("original_queue", notAllowed);
            case REPLAY_COUNT_NEGATIVE -> env.put("replay_count", -1 - rnd.nextInt(5));
            case REPLAY_COUNT_HUGE -> env.put("replay_count", 1L << 40);
            case REPLAY_COUNT_NOT_NUMBER -> env.put("replay_count", "three");
            case FIRST_FAILED_AT_GARBAGE -> env.put("first_failed_at", "yesterday");
            case FIRST_FAILED_AT_MISSING -> env.remove("first_failed_at");
            case PAYLOAD_MISSING -> env.remove("payload");
            case PAYLOAD_BAD_BASE64 -> env.put("payload_encoding", DeadLetter.BASE64);
            case PAYLOAD_ENCODING_UNKNOWN -> env.put("payload_encoding", "rot13");
            case PROVIDER_CONTROL -> env.put("provider", "spo\u0007tify");
            case REASON_NUL -> env.put("reason", "bad\u0000reason");
        }
        if (body == null) body = Json.writeBytes(env);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(id).deliveryMode(2).contentType("application/json")
                .timestamp(new Date()).headers(headers).build();
        if (k == Kind.VALID || k == Kind.AT_LIMIT) {
            try {
                DeadLetter d = Json.read(new String(body, StandardCharsets.UTF_8), DeadLetter.class);
                props = EnvelopeProperties.forDeadLetter(d, "mixesdb", Instant.now());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return new Input(i, k, id, body, props);
    }

    static ErrorType type() { return ErrorType.PROVIDER_TRANSIENT; }
}
