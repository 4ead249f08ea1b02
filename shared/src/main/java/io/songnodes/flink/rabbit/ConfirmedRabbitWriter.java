package io.songnodes.flink.rabbit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
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

/** Publishes with confirms and {@code mandatory}; {@link #flush} blocks until the broker confirmed everything. */
final class ConfirmedRabbitWriter implements SinkWriter<Outbound> {
    /** Bounds the unconfirmed window so a slow broker applies backpressure instead of filling memory. */
    private static final int MAX_UNCONFIRMED = 2_000;
    private static final long CONFIRM_TIMEOUT_MS = 60_000;

    private final Connection connection;
    private final Channel channel;
    private final MetricGroup metrics;
    private final Map<String, Counter> published = new HashMap<>();
    private final AtomicReference<String> returned = new AtomicReference<>();
    private int unconfirmed;

    ConfirmedRabbitWriter(RabbitSettings settings, List<String> queues, List<String> exchanges, MetricGroup metrics) throws IOException {
        try {
            connection = settings.connectionFactory().newConnection("songnodes-sink");
            channel = connection.createChannel();
            channel.confirmSelect();
            for (String q : queues) channel.queueDeclare(q, true, false, false, Map.of());
            for (String x : exchanges) channel.exchangeDeclare(x, "fanout", true);
            // an unroutable message is confirmed too; the return tells us it went nowhere
            channel.addReturnListener(r -> returned.compareAndSet(null, r.getRoutingKey() + ": " + r.getReplyText()));
        } catch (TimeoutException e) {
            throw new IOException("RabbitMQ connection timed out", e);
        }
        this.metrics = metrics;
    }

    @Override
    public void write(Outbound m, Context context) throws IOException, InterruptedException {
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(2).timestamp(new Date())
                .messageId(m.messageId()).correlationId(m.correlationId())
                .headers(m.headers() == null ? null : new HashMap<>(m.headers())).build();
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

    private void awaitConfirms() throws IOException, InterruptedException {
        if (unconfirmed == 0) return;
        try {
            channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
        } catch (TimeoutException e) {
            throw new IOException("RabbitMQ did not confirm " + unconfirmed + " publishes within " + CONFIRM_TIMEOUT_MS + " ms", e);
        }
        String r = returned.getAndSet(null);
        if (r != null) throw new IOException("RabbitMQ returned an unroutable message (" + r + ")");
        unconfirmed = 0;
    }

    @Override
    public void close() throws Exception {
        if (connection.isOpen()) connection.close();
    }
}
