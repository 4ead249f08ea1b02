package io.songnodes.flink.rabbit;

import com.rabbitmq.client.Connection;
import org.apache.flink.streaming.connectors.rabbitmq.RMQDeserializationSchema;
import org.apache.flink.streaming.connectors.rabbitmq.RMQSource;
import org.apache.flink.streaming.connectors.rabbitmq.common.RMQConnectionConfig;

/**
 * Flink's RMQSource whose connection carries a client-provided name ("songnodes-source QUEUE"), like every other
 * connection the jobs open: operators can find it in the management UI, and fault tests can close it.
 */
public class NamedRmqSource<T> extends RMQSource<T> {
    public static final String NAME_PREFIX = "songnodes-source ";

    public NamedRmqSource(RMQConnectionConfig config, String queue, boolean usesCorrelationId, RMQDeserializationSchema<T> schema) {
        super(config, queue, usesCorrelationId, schema);
    }

    @Override
    protected Connection setupConnection() throws Exception {
        return setupConnectionFactory().newConnection(NAME_PREFIX + queueName);
    }
}
