package io.songnodes.flink.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.songnodes.amqp.AmqpHeaders;
import io.songnodes.amqp.AmqpSettings;
import io.songnodes.model.DeadLetter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Publishes with confirms and {@code mandatory}; {@link #flush} blocks until the broker confirmed everything. Once its
 * connection or channel closes, every later write and flush fails: publishes the broker may never have confirmed
 * must fail the checkpoint, so that Flink restarts from the previous one and sends them again.
 */
final class ConfirmedRabbitWriter implements SinkWriter<Outbound> {
    /** Bounds the unconfirmed window so a slow broker applies backpressure instead of filling memory. */
    private static final int MAX_UNCONFIRMED = 2_000;
    private static final long CONFIRM_TIMEOUT_MS = 60_000;

    private final Connection connection;
    private final Channel channel;
    private final MetricGroup metrics;
    private final Map<String, Counter> published = new HashMap<>();
    private final AtomicReference<String> returned = new AtomicReference<>();
    private final AtomicReference<ShutdownSignalException> closed = new AtomicReference<>();
    private int unconfirmed;

    ConfirmedRabbitWriter(AmqpSettings settings, List<String> queues, List<String> exchanges, MetricGroup metrics) throws IOException {
        Connection c;
        try {
            // named after its targets, so an operator (or a fault test) can tell the sinks apart
            c = settings.connectionFactory().newConnection("songnodes-sink " + String.join(",", queues) + String.join(",", exchanges));
        } catch (TimeoutException e) {
            throw new IOException("RabbitMQ connection to " + settings + " timed out", e);
        }
        try {
            c.addShutdownListener(s -> closed.compareAndSet(null, s));
            Channel ch = c.createChannel();
            ch.addShutdownListener(s -> closed.compareAndSet(null, s));
            ch.confirmSelect();
            for (String q : queues) ch.queueDeclare(q, true, false, false, Map.of());
            for (String x : exchanges) ch.exchangeDeclare(x, "fanout", true);
            // an unroutable message is confirmed too; the return tells us it went nowhere
            ch.addReturnListener(r -> returned.compareAndSet(null, r.getRoutingKey() + ": " + r.getReplyText()));
            this.channel = ch;
        } catch (IOException | RuntimeException e) {
            // the set-up failed half-way: close the connection, or every restart would leak one
            c.abort();
            throw e;
        }
        this.connection = c;
        this.metrics = metrics;
    }

    @Override
    public void write(Outbound m, Context context) throws IOException, InterruptedException {
        failIfClosed();
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).timestamp(new Date())
                .messageId(AmqpHeaders.shortString(m.messageId())).correlationId(AmqpHeaders.shortString(m.correlationId()))
                .headers(AmqpHeaders.bounded(m.headers())).build();
        boolean mandatory = m.exchange().isEmpty();
        channel.basicPublish(m.exchange(), m.routingKey(), mandatory, props, m.body().getBytes(StandardCharsets.UTF_8));
        if (metrics != null && m.headers() != null) count(m.headers());
        if (++unconfirmed >= MAX_UNCONFIRMED) awaitConfirms();
    }

    private void count(Map<String, Object> headers) {
        String type = String.valueOf(headers.getOrDefault(DeadLetter.H_ERROR_TYPE, "internal"));
        String provider = String.valueOf(headers.getOrDefault(DeadLetter.H_PROVIDER, "none"));
        published.computeIfAbsent(type + '|' + provider, k -> metrics.addGroup("error_type", type)
                .addGroup("provider", provider).counter("dlq_published")).inc();
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        awaitConfirms();
    }

    private void failIfClosed() throws IOException {
        ShutdownSignalException s = closed.get();
        if (s != null) throw new IOException("RabbitMQ " + (s.isHardError() ? "connection" : "channel") + " closed ("
                + s.getMessage() + "); " + unconfirmed + " publishes may be unconfirmed", s);
    }

    private void awaitConfirms() throws IOException, InterruptedException {
        failIfClosed();
        if (unconfirmed == 0) return;
        try {
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
        } catch (TimeoutException e) {
            throw new IOException("RabbitMQ did not confirm " + unconfirmed + " publishes within " + CONFIRM_TIMEOUT_MS + " ms", e);
        } catch (ShutdownSignalException e) {
            throw new IOException("RabbitMQ closed the channel before confirming " + unconfirmed + " publishes", e);
        }
        failIfClosed();
        String r = returned.getAndSet(null);
        if (r != null) throw new IOException("RabbitMQ returned an unroutable message (" + r + ")");
        unconfirmed = 0;
    }

    @Override
    public void close() throws Exception {
        if (connection.isOpen()) connection.close();
    }
}
