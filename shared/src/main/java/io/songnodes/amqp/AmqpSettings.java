package io.songnodes.amqp;

import com.rabbitmq.client.ConnectionFactory;
import java.io.Serializable;
import java.util.Map;

/**
 * How to reach RabbitMQ, parsed once from an AMQP URI (an option, else env {@value #ENV_URI}); the password is
 * never printed. A URI without a password takes it from env {@value #ENV_PASSWORD}, so it stays off command lines.
 */
public final class AmqpSettings implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String ENV_URI = "SONGNODES_AMQP_URI";
    public static final String ENV_PASSWORD = "SONGNODES_AMQP_PASSWORD";

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
        String uri = optionValue != null && !optionValue.isBlank() ? optionValue : env.get(ENV_URI);
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no RabbitMQ URI: set " + optionName + " or env " + ENV_URI
                    + " (amqp://user@host:5672/vhost, password in env " + ENV_PASSWORD + ")");
        }
        return parse(uri, env.get(ENV_PASSWORD), optionValue != null && !optionValue.isBlank() ? optionName : ENV_URI);
    }

    /** Parses {@code uri}; {@code key} names where it came from in error messages. */
    public static AmqpSettings parse(String uri, String envPassword, String key) {
        ConnectionFactory f = new ConnectionFactory();
        try {
            f.setUri(uri);
        } catch (Exception e) {
            throw new IllegalArgumentException(key + ": not a valid amqp:// or amqps:// URI (" + e.getClass().getSimpleName() + ")");
        }
        boolean userInUri = uri.substring(uri.indexOf("://") + 3).contains("@");
        if (!userInUri) throw new IllegalArgumentException(key + ": the URI must name a user (no default credentials)");
        String userInfo = uri.substring(uri.indexOf("://") + 3, uri.indexOf('@'));
        String password = userInfo.contains(":") ? f.getPassword() : envPassword;
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(key + ": no password in the URI and env " + ENV_PASSWORD + " is not set");
        }
        String redacted = (uri.startsWith("amqps") ? "amqps://" : "amqp://") + f.getUsername() + ":***@" + f.getHost() + ":" + f.getPort()
                + "/" + f.getVirtualHost();
        return new AmqpSettings(uri, password, redacted);
    }

    /**
     * A connection factory with automatic recovery off: a replay or a sink must see a broken connection as a failure,
     * because a recovered channel has lost its unacked deliveries and its confirm or tx mode.
     */
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

    @Override public String toString() { return redacted; }
}
