package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The one dead-letter envelope every job writes and dlq-replay reads (docs/contracts.md §2).
 * {@code payload} is the original message, unchanged, even when it is not JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        @JsonProperty("id") String id,
        @JsonProperty("error_type") ErrorType errorType,
        @JsonProperty("reason") String reason,
        @JsonProperty("provider") String provider,
        @JsonProperty("field") String field,
        @JsonProperty("job") String job,
        @JsonProperty("attempts") int attempts,
        @JsonProperty("replay_count") int replayCount,
        @JsonProperty("first_failed_at") Instant firstFailedAt,
        @JsonProperty("last_failed_at") Instant lastFailedAt,
        @JsonProperty("original_queue") String originalQueue,
        @JsonProperty("payload") String payload,
        @JsonProperty("payload_encoding") String payloadEncoding) implements Serializable {

    /** {@code payload_encoding} of a payload that was not valid UTF-8: the payload is its bytes in base64. */
    public static final String BASE64 = "base64";

    /** An envelope whose payload is the message text itself. */
    public DeadLetter(String id, ErrorType errorType, String reason, String provider, String field, String job, int attempts,
                      int replayCount, Instant firstFailedAt, Instant lastFailedAt, String originalQueue, String payload) {
        this(id, errorType, reason, provider, field, job, attempts, replayCount, firstFailedAt, lastFailedAt, originalQueue, payload, null);
    }

    public static final String H_ERROR_TYPE = "x-error-type";
    public static final String H_PROVIDER = "x-provider";
    public static final String H_FIELD = "x-field";
    public static final String H_SOURCE = "x-source";
    public static final String H_REPLAY_COUNT = "x-replay-count";
    public static final String H_ORIGINAL_QUEUE = "x-original-queue";
    public static final String H_FIRST_FAILED_AT = "x-first-failed-at";

    /** A first failure of {@code payload}; the id is derived from the payload so a re-run re-sends the same id. */
    public static DeadLetter firstFailure(ErrorType type, String reason, String provider, String field,
                                          String job, int attempts, String originalQueue, String payload, Instant now) {
        String id = UUID.nameUUIDFromBytes((originalQueue + '\n' + payload).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        return new DeadLetter(id, type, reason, provider, field, job, attempts, 0, now, now, originalQueue, payload);
    }

    /** The same envelope carrying the payload's original bytes as base64, for a body that is not valid UTF-8. */
    public DeadLetter base64Payload(String base64) {
        return new DeadLetter(id, errorType, reason, provider, field, job, attempts, replayCount,
                firstFailedAt, lastFailedAt, originalQueue, base64, BASE64);
    }

    /** True when {@code payload} is base64 of bytes that were not valid UTF-8. */
    public boolean payloadIsBase64() { return BASE64.equals(payloadEncoding); }

    /** The same envelope after one more replay. */
    public DeadLetter replayed() {
        return new DeadLetter(id, errorType, reason, provider, field, job, attempts, replayCount + 1,
                firstFailedAt, lastFailedAt, originalQueue, payload, payloadEncoding);
    }

    /**
     * AMQP headers that repeat the envelope so tools can filter without parsing the body.
     * {@code source} is the bronze source when known, for {@code --source} filters. Values come from input, so they
     * are truncated to a size the broker always accepts; the body keeps them whole.
     */
    public Map<String, Object> amqpHeaders(String source) {
        Map<String, Object> h = new TreeMap<>();
        h.put(H_ERROR_TYPE, errorType.wireName());
        if (provider != null) h.put(H_PROVIDER, provider);
        if (field != null) h.put(H_FIELD, field);
        if (source != null) h.put(H_SOURCE, source);
        h.put(H_REPLAY_COUNT, replayCount);
        h.put(H_ORIGINAL_QUEUE, originalQueue);
        h.put(H_FIRST_FAILED_AT, firstFailedAt.toString());
        return new TreeMap<>(io.songnodes.amqp.AmqpHeaders.bounded(h));
    }
}
