package io.songnodes.jobs.silvertogold;

import java.io.IOException;
import java.util.Map;
import io.songnodes.flink.rabbit.NamedRmqSource;
import io.songnodes.flink.rabbit.RawMessageSchema;
import org.apache.flink.streaming.connectors.rabbitmq.common.RMQConnectionConfig;

/**
 * The named RMQSource on a durable queue bound to the silver events fanout exchange (declared here, so the job
 * can start before bronze-to-silver). Correlation ids dedupe redeliveries (a message without one is identified by a hash
 * of its body, never a failure); bodies pass on unparsed and strictly decoded; acks follow checkpoints.
 */
public final class SilverEventsSource extends NamedRmqSource<String> {
    private final String exchange;

    public SilverEventsSource(RMQConnectionConfig config, String exchange, String queue) {
        super(config, queue, true, new RawMessageSchema());
        this.exchange = exchange;
    }

    /** Builds the source from the job config. */
    public static SilverEventsSource from(SilverToGoldConfig cfg) {
        return new SilverEventsSource(cfg.amqp().sourceConfig(cfg.prefetch()), cfg.eventsExchange(), cfg.eventsQueue());
    }

    @Override protected void setupQueue() throws IOException {
        channel.exchangeDeclare(exchange, "fanout", true);
        channel.queueDeclare(queueName, true, false, false, Map.of());
        channel.queueBind(queueName, exchange, "");
    }
}
