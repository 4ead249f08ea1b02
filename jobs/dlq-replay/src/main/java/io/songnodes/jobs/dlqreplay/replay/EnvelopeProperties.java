package io.songnodes.jobs.dlqreplay.replay;

import com.rabbitmq.client.AMQP;
import io.songnodes.amqp.AmqpHeaders;
import io.songnodes.model.DeadLetter;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * AMQP properties of the messages dlq-replay publishes: persistent, timestamped (RabbitMQ's oldest-message-age
 * metric needs it), with the envelope id as message-id and the envelope's headers.
 */
public final class EnvelopeProperties {
    public static final String H_REPLAYED_AT = "x-replayed-at";
    public static final String H_PARKED_AT = "x-parked-at";

    private EnvelopeProperties() {}

    /** Properties of a dead letter as a DLQ publisher writes it; {@code source} is the bronze source when known. */
    public static AMQP.BasicProperties forDeadLetter(DeadLetter d, String source, Instant now) {
        return base(d.id(), d.id(), d.amqpHeaders(source), now);
    }

    /**
     * Properties of a replayed envelope: the correlation id is {@code id-rN} so bronze-to-silver's source dedupes a
     * republish repeated after a crash, yet a later replay of the same record is a new message.
     */
    public static AMQP.BasicProperties forReplay(DeadLetter replayed, AMQP.BasicProperties old, String source, Instant now) {
        Map<String, Object> h = new HashMap<>();
        if (old.getHeaders() != null) h.putAll(old.getHeaders());
        h.putAll(replayed.amqpHeaders(source));
        h.put(H_REPLAYED_AT, now.toString());
        return base(replayed.id(), AmqpHeaders.shortString(correlationId(replayed)), AmqpHeaders.bounded(h), now);
    }

    public static String correlationId(DeadLetter replayed) { return replayed.id() + "-r" + replayed.replayCount(); }

    /** The same message for the parking lot: body and headers kept, plus when it was parked; timestamped now. */
    public static AMQP.BasicProperties forParking(AMQP.BasicProperties old, String id, Instant now) {
        Map<String, Object> h = new HashMap<>();
        if (old.getHeaders() != null) h.putAll(old.getHeaders());
        h.put(H_PARKED_AT, now.toString());
        return old.builder().messageId(AmqpHeaders.shortString(id)).deliveryMode(2).timestamp(Date.from(now)).headers(AmqpHeaders.bounded(h)).build();
    }

    private static AMQP.BasicProperties base(String messageId, String correlationId, Map<String, Object> headers, Instant now) {
        return new AMQP.BasicProperties.Builder().messageId(messageId).correlationId(correlationId).deliveryMode(2)
                .contentType("application/json").contentEncoding("utf-8").timestamp(Date.from(now)).headers(headers).build();
    }
}
