package io.songnodes.bronze;

import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.io.Serializable;
import java.time.Instant;

/** The outcome of validating one raw message: a {@link BronzeMessage} or the reason it was refused. */
public record Validation(BronzeMessage message, String reason, String source, String raw, int replayCount, Instant firstFailedAt)
        implements Serializable {
    public static Validation ok(BronzeMessage m) { return new Validation(m, null, m.record().source(), m.raw(), m.replayCount(), null); }
    public static Validation invalid(String reason, String source, String raw, int replayCount) {
        return new Validation(null, reason, source, raw, replayCount, null);
    }

    /** A replay keeps the time its record first failed, so {@code --older-than} still finds it. */
    public Validation withFirstFailedAt(Instant at) {
        return new Validation(message == null ? null : message.firstFailedAt(at), reason, source, raw, replayCount, at);
    }
    public boolean isValid() { return message != null; }

    /**
     * The dead letter of a refused message: the payload exactly as it arrived, or its bytes in base64 when it
     * was not valid UTF-8; a replayed record keeps its replay count.
     */
    public DeadLetter deadLetter(String job, String originalQueue, Instant now) {
        boolean base64 = RawBody.isNotUtf8(raw);
        String payload = base64 ? RawBody.base64(raw) : raw;
        DeadLetter d = DeadLetter.firstFailure(ErrorType.VALIDATION, reason, null, null, job, 1, originalQueue, payload, now);
        if (replayCount > 0) {
            d = new DeadLetter(d.id(), d.errorType(), d.reason(), null, null, job, 1, replayCount,
                    firstFailedAt != null ? firstFailedAt : d.firstFailedAt(), d.lastFailedAt(), originalQueue, payload);
        }
        return base64 ? d.base64Payload(payload) : d;
    }
}
