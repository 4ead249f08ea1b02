package io.songnodes.jobs.dlqreplay.replay;

import com.rabbitmq.client.AMQP;
import io.songnodes.model.DeadLetter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** A read-only view of one message taken from the DLQ: filters read its headers, and the body is parsed only when needed. */
public final class DlqMessage {
    private final AMQP.BasicProperties props;
    private final byte[] body;
    private DeadLetter envelope;
    private String parseError;

    public DlqMessage(AMQP.BasicProperties props, byte[] body) {
        this.props = props;
        this.body = body;
    }

    public AMQP.BasicProperties props() { return props; }

    public byte[] body() { return body; }

    /** A header as text (the client hands strings over as LongString), or null. */
    public String header(String name) {
        Map<String, Object> h = props.getHeaders();
        Object v = h == null ? null : h.get(name);
        return v == null ? null : v.toString();
    }

    /** When the record first failed: {@code x-first-failed-at}, else the AMQP timestamp, else null. */
    public Instant failedAt() {
        String first = header(DeadLetter.H_FIRST_FAILED_AT);
        if (first != null) {
            try {
                return Instant.parse(first);
            } catch (DateTimeParseException ignored) {
                // a malformed header falls back to the broker-visible timestamp
            }
        }
        return props.getTimestamp() == null ? null : props.getTimestamp().toInstant();
    }

    /** The envelope id: the AMQP message-id when the publisher set it, else the body's {@code id}. */
    public String id() {
        if (props.getMessageId() != null) return props.getMessageId();
        DeadLetter e = envelope();
        // a corrupt envelope can still be selected by its id (it then stays in the DLQ as an error, naming its fault)
        return e != null ? e.id() : EnvelopeReader.idOf(body);
    }

    /** The envelope read strictly by {@link EnvelopeReader}, or null when the body is not one (see {@link #parseError()}). */
    public DeadLetter envelope() {
        if (envelope == null && parseError == null) {
            EnvelopeReader.Result r = EnvelopeReader.read(body);
            envelope = r.envelope();
            if (envelope == null) parseError = "not a dead-letter envelope: " + r.refusal();
        }
        return envelope;
    }

    public String parseError() { return parseError; }
}
