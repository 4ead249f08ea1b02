package io.songnodes.bronze;

import java.io.Serializable;

/** The outcome of validating one raw message: a {@link BronzeMessage} or the reason it was refused. */
public record Validation(BronzeMessage message, String reason, String source, String raw, int replayCount) implements Serializable {
    public static Validation ok(BronzeMessage m) { return new Validation(m, null, m.record().source(), m.raw(), m.replayCount()); }
    public static Validation invalid(String reason, String source, String raw, int replayCount) {
        return new Validation(null, reason, source, raw, replayCount);
    }
    public boolean isValid() { return message != null; }
}
