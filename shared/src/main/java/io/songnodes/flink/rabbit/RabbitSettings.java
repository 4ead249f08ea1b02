package io.songnodes.flink.rabbit;

import com.rabbitmq.client.ConnectionFactory;
import io.songnodes.config.ConfigException;
import java.io.Serializable;
import java.net.URI;
import org.apache.flink.streaming.connectors.rabbitmq.common.RMQConnectionConfig;

/**
 * Where RabbitMQ is, as an AMQP URI taken from an option or {@code SONGNODES_AMQP_URI}. Credentials live
 * only in that URI, which is never logged (see {@link #toString()}).
 */
public record RabbitSettings(String uri) implements Serializable {
    public static final String ENV = "SONGNODES_AMQP_URI";

    public RabbitSettings {
        try {
            URI u = URI.create(uri);
            if (!"amqp".equals(u.getScheme()) && !"amqps".equals(u.getScheme())) throw new IllegalArgumentException("scheme");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("amqp-uri", "expected amqp://user:password@host:port/vhost");
        }
    }

    public ConnectionFactory connectionFactory() {
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(uri);
        } catch (Exception e) {
            throw new ConfigException("amqp-uri", "cannot be used: " + e.getClass().getSimpleName());
        }
        f.setAutomaticRecoveryEnabled(true);
        return f;
    }

    /**
     * How long RMQSource blocks waiting for a message before it looks at its running flag again. The connector's
     * default, 30 s, made every cancel and stop-with-savepoint of an idle source take up to 30 s.
     */
    public static final long DELIVERY_TIMEOUT_MS = 200;

    /** Connection settings for Flink's RMQSource with the given prefetch. */
    public RMQConnectionConfig sourceConfig(int prefetch) {
        try {
            return new RMQConnectionConfig.Builder().setUri(uri).setPrefetchCount(prefetch).setDeliveryTimeout(DELIVERY_TIMEOUT_MS).build();
        } catch (Exception e) {
            throw new ConfigException("amqp-uri", "cannot be used: " + e.getClass().getSimpleName());
        }
    }

    @Override public String toString() { return "RabbitSettings[" + uri.replaceAll("//[^@/]*@", "//***@") + "]"; }
}
