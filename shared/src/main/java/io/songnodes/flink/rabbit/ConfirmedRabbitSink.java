package io.songnodes.flink.rabbit;

import io.songnodes.amqp.AmqpSettings;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * At-least-once RabbitMQ sink: every publish is confirmed by the broker before a checkpoint completes.
 * Flink's RMQSink has no publisher confirms, so it can lose the dead letters that must never be lost.
 */
public final class ConfirmedRabbitSink implements Sink<Outbound> {
    private static final long serialVersionUID = 1L;

    private final AmqpSettings settings;
    private final List<String> declareQueues;
    private final List<String> declareFanoutExchanges;
    private final boolean countDeadLetters;

    /**
     * @param declareQueues durable queues to declare on start, so a publish can never go to a missing queue
     * @param countDeadLetters count {@code dlq_published} by the envelope's error type and provider headers
     */
    public ConfirmedRabbitSink(AmqpSettings settings, List<String> declareQueues, List<String> declareFanoutExchanges,
                               boolean countDeadLetters) {
        this.settings = settings;
        this.declareQueues = List.copyOf(declareQueues);
        this.declareFanoutExchanges = List.copyOf(declareFanoutExchanges);
        this.countDeadLetters = countDeadLetters;
    }

    /**
     * A confirmed writer for another sink to publish through (the JDBC sink's refused rows and after-commit
     * events); its owner flushes it before a checkpoint completes and closes it.
     */
    public static SinkWriter<Outbound> openWriter(AmqpSettings settings, List<String> declareQueues,
                                                  List<String> declareFanoutExchanges, org.apache.flink.metrics.MetricGroup deadLetterMetrics)
            throws java.io.IOException {
        return new ConfirmedRabbitWriter(settings, declareQueues, declareFanoutExchanges, deadLetterMetrics);
    }

    @Override
    @Deprecated
    public SinkWriter<Outbound> createWriter(InitContext context) {
        throw new UnsupportedOperationException("Flink 1.20 calls createWriter(WriterInitContext)");
    }

    @Override
    public SinkWriter<Outbound> createWriter(WriterInitContext context) throws java.io.IOException {
        return new ConfirmedRabbitWriter(settings, declareQueues, declareFanoutExchanges,
                countDeadLetters ? context.metricGroup() : null);
    }
}
