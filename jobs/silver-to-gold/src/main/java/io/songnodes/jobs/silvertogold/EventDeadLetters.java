package io.songnodes.jobs.silvertogold;

import io.songnodes.bronze.RawBody;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.io.Serializable;
import java.time.Instant;

/** Envelopes of silver events the job refused: from {@code queue}, to {@code deadLetterQueue}; bytes that are not UTF-8 kept in base64. */
public record EventDeadLetters(String queue, String deadLetterQueue) implements Serializable {
    public static final String JOB = "silver-to-gold";

    public Outbound of(ErrorType type, String reason, String field, String raw) {
        DeadLetter d = DeadLetter.firstFailure(type, reason, null, field, JOB, 1, queue, raw, Instant.now());
        if (RawBody.isNotUtf8(raw)) d = d.base64Payload(RawBody.base64(raw));
        return Outbound.toQueue(deadLetterQueue, Json.write(d), d.amqpHeaders(null), d.id());
    }
}
