package io.songnodes.jobs.silvertogold;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import java.io.IOException;
import java.util.Date;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Publishes dead letters to the DLQ with publisher confirms. RMQSink has none, so this writer waits for
 * the broker's confirms in {@code flush}, which Flink calls before each checkpoint barrier: a checkpoint
 * (and the ack of the source message) only completes once its dead letters are safely queued.
 */
public final class DeadLetterSink implements Sink<DeadLetter> {
    private static final long CONFIRM_TIMEOUT_MS = 30_000;
    private final String amqpUri;
    private final String queue;

    public DeadLetterSink(String amqpUri, String queue) {
        this.amqpUri = amqpUri;
        this.queue = queue;
    }

    @Override
    @SuppressWarnings("deprecation") // Flink 1.20 still requires this overload
    public SinkWriter<DeadLetter> createWriter(InitContext context) throws IOException {
        return new Writer();
    }

    private final class Writer implements SinkWriter<DeadLetter> {
        private final Connection connection;
        private final Channel channel;

        Writer() throws IOException {
            try {
                ConnectionFactory f = new ConnectionFactory();
                f.setUri(amqpUri);
                connection = f.newConnection("silver-to-gold-dlq");
                channel = connection.createChannel();
                channel.confirmSelect();
                channel.queueDeclare(queue, true, false, false, Map.of());
            } catch (Exception e) {
                throw new IOException("cannot open the dead-letter queue " + queue, e);
            }
        }

        @Override public void write(DeadLetter letter, Context context) throws IOException {
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId(letter.id()).deliveryMode(2)
                    .contentType("application/json").timestamp(new Date()).headers(letter.amqpHeaders(null)).build();
            channel.basicPublish("", queue, props, Json.writeBytes(letter));
        }

        @Override public void flush(boolean endOfInput) throws IOException {
            try {
                channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT_MS);
            } catch (Exception e) {
                throw new IOException("dead letters to " + queue + " were not confirmed", e);
            }
        }

        @Override public void close() throws Exception {
            if (connection.isOpen()) connection.close();
        }
    }
}
