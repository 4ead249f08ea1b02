package io.songnodes.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** URI parsing, the password kept out of toString, and fail-fast messages. */
class AmqpSettingsTest {
    @Test
    void theOptionWinsOverTheEnvironmentAndThePasswordIsNeverPrinted() {
        AmqpSettings s = AmqpSettings.resolve("amqp://app:pw1@broker:5673/songs", "--amqp-uri", Map.of(AmqpSettings.ENV_URI, "amqp://x:y@other:1/%2f"));
        ConnectionFactory f = s.connectionFactory();
        assertThat(f.getHost()).isEqualTo("broker");
        assertThat(f.getPort()).isEqualTo(5673);
        assertThat(f.getVirtualHost()).isEqualTo("songs");
        assertThat(f.getUsername()).isEqualTo("app");
        assertThat(f.getPassword()).isEqualTo("pw1");
        assertThat(f.isAutomaticRecoveryEnabled()).isFalse();
        assertThat(s.toString()).doesNotContain("pw1").contains("app:***@broker:5673");
    }

    @Test
    void aUriWithoutPasswordTakesItFromTheEnvironment() {
        AmqpSettings s = AmqpSettings.resolve(null, "--amqp-uri", Map.of(AmqpSettings.ENV_URI, "amqp://app@broker/%2f", AmqpSettings.ENV_PASSWORD, "pw2"));
        assertThat(s.connectionFactory().getPassword()).isEqualTo("pw2");
        assertThat(s.connectionFactory().getVirtualHost()).isEqualTo("/");
    }

    @Test
    void missingOrBadSettingsFailNamingTheKey() {
        assertThatThrownBy(() -> AmqpSettings.resolve(null, "--amqp-uri", Map.of())).hasMessageContaining("--amqp-uri").hasMessageContaining(AmqpSettings.ENV_URI);
        assertThatThrownBy(() -> AmqpSettings.resolve("http://x", "--amqp-uri", Map.of())).hasMessageContaining("--amqp-uri");
        assertThatThrownBy(() -> AmqpSettings.resolve("amqp://broker:5672", "--amqp-uri", Map.of())).hasMessageContaining("must name a user");
        assertThatThrownBy(() -> AmqpSettings.resolve(null, "--amqp-uri", Map.of(AmqpSettings.ENV_URI, "amqp://app@broker")))
                .hasMessageContaining(AmqpSettings.ENV_URI).hasMessageContaining(AmqpSettings.ENV_PASSWORD);
    }

    @Test
    void theSourceUsesTheSameBrokerAndCredentialsWithRecoveryOffAndAShortDeliveryTimeout() throws Exception {
        AmqpSettings s = AmqpSettings.resolve(null, "--amqp-uri", Map.of(AmqpSettings.ENV_URI, "amqps://app@broker:5671/my%20vhost",
                AmqpSettings.ENV_PASSWORD, "p@ss word:/"));
        var cfg = s.sourceConfig(123);
        ConnectionFactory f = cfg.getConnectionFactory();
        assertThat(f.getPassword()).isEqualTo("p@ss word:/");
        assertThat(f.getUsername()).isEqualTo("app");
        assertThat(f.getVirtualHost()).isEqualTo("my vhost");
        assertThat(f.isSSL()).isTrue();
        assertThat(f.isAutomaticRecoveryEnabled()).isFalse();
        assertThat(cfg.getPrefetchCount()).contains(123);
        assertThat(cfg.getDeliveryTimeout()).isEqualTo(AmqpSettings.DELIVERY_TIMEOUT_MS);
        assertThat(s.toString()).isEqualTo("amqps://app:***@broker:5671/my vhost");
    }
}
