package io.songnodes.amqp;

import com.rabbitmq.client.ConnectionFactory;
import io.songnodes.config.ConfigException;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.streaming.connectors.rabbitmq.common.RMQConnectionConfig;

/**
 * The project's one set of RabbitMQ connection options, parsed once from an AMQP URI (an option, else env
 * {@value #ENV_URI}); it alone holds the password and never prints it. A URI without a password takes it from env
 * {@value #ENV_PASSWORD}, so it stays off command lines. Every connection it makes has automatic recovery off: a
 * recovered channel has lost its unacked deliveries and its confirm mode, so a broken connection must fail the task
 * and let Flink restart from its last checkpoint, never carry on as if nothing happened.
 */
public final class AmqpSettings implements Serializable {
    private static final long serialVersionUID = 2L;
    public static final String ENV_URI = "SONGNODES_AMQP_URI";
    public static final String ENV_PASSWORD = "SONGNODES_AMQP_PASSWORD";

    /**
     * How long RMQSource blocks waiting for a message before it looks at its running flag again. The connector's
     * default, 30 s, made every cancel and stop-with-savepoint of an idle source take up to 30 s.
     */
    public static final long DELIVERY_TIMEOUT_MS = 200;

    private final String uri;
    private final String password;
    private final String redacted;

    private AmqpSettings(String uri, String password, String redacted) {
        this.uri = uri;
        this.password = password;
        this.redacted = redacted;
    }

    /** The option value if given, else {@code env[SONGNODES_AMQP_URI]}; fails fast naming {@code optionName} and the env key. */
    public static AmqpSettings resolve(String optionValue, String optionName, Map<String, String> env) {
        boolean fromOption = optionValue != null && !optionValue.isBlank();
        String uri = fromOption ? optionValue : env.get(ENV_URI);
        if (uri == null || uri.isBlank()) {
            throw new ConfigException(optionName, "no RabbitMQ URI: set it or env " + ENV_URI
                    + " (amqp://user@host:5672/vhost, password in env " + ENV_PASSWORD + ")");
        }
        return parse(uri, env.get(ENV_PASSWORD), fromOption ? optionName : ENV_URI);
    }

    /** Parses {@code uri}; {@code key} names where it came from in error messages. */
    public static AmqpSettings parse(String uri, String envPassword, String key) {
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(uri);
        } catch (Exception e) {
            throw new ConfigException(key, "not a valid amqp:// or amqps:// URI (" + e.getClass().getSimpleName() + ")");
        }
        String rest = uri.substring(uri.indexOf("://") + 3);
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        if (at < 0 || (slash >= 0 && slash < at)) throw new ConfigException(key, "the URI must name a user (no default credentials)");
        String password = rest.substring(0, at).contains(":") ? f.getPassword() : envPassword;
        if (password == null || password.isEmpty()) {
            throw new ConfigException(key, "no password in the URI and env " + ENV_PASSWORD + " is not set");
        }
        String redacted = scheme(uri) + "://" + f.getUsername() + ":***@" + f.getHost() + ":" + f.getPort() + "/" + f.getVirtualHost();
        return new AmqpSettings(uri, password, redacted);
    }

    private static String scheme(String uri) { return uri.regionMatches(true, 0, "amqps", 0, 5) ? "amqps" : "amqp"; }

    /** A connection factory for publishers, consumers and the replay, with automatic and topology recovery off. */
    public ConnectionFactory connectionFactory() {
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(uri);
        } catch (Exception e) {
            throw new IllegalStateException("AMQP URI was validated at start-up", e);
        }
        f.setPassword(password);
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        return f;
    }

    /**
     * Connection settings for Flink's RMQSource with the given prefetch: the same broker, credentials and TLS, recovery
     * off (acks follow checkpoints, and a recovered channel would ack delivery tags it never received), and a short
     * delivery timeout.
     */
    public RMQConnectionConfig sourceConfig(int prefetch) {
        ConnectionFactory f = connectionFactory();
        String full = scheme(uri) + "://" + enc(f.getUsername()) + ":" + enc(password) + "@" + f.getHost() + ":" + f.getPort()
                + "/" + enc(f.getVirtualHost());
        try {
            return new RMQConnectionConfig.Builder().setUri(full).setPrefetchCount(prefetch).setDeliveryTimeout(DELIVERY_TIMEOUT_MS)
                    .setAutomaticRecovery(false).setTopologyRecoveryEnabled(false).build();
        } catch (Exception e) {
            throw new IllegalStateException("AMQP URI was validated at start-up", e);
        }
    }

    /**
     * The HTTP Basic credentials of this account for RabbitMQ's management API, which takes the same users as AMQP;
     * the operators' probes use it so that they, too, know no default account.
     */
    public String managementAuthorization() {
        String user = connectionFactory().getUsername();
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The virtual host the URI names. */
    public String virtualHost() { return connectionFactory().getVirtualHost(); }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"); }

    /** The URI with the password masked, safe for logs and the web UI. */
    @Override public String toString() { return redacted; }
}
