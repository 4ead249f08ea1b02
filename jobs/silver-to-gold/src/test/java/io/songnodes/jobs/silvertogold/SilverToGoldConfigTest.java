package io.songnodes.jobs.silvertogold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SilverToGoldConfigTest {
    private static final String PG = "jdbc:postgresql://localhost:5432/x?user=u&password=secret";

    @Test
    void parsesBatchWithDefaults() {
        SilverToGoldConfig c = SilverToGoldConfig.parse(new String[] {"--mode", "batch", "--jdbc-url", PG}, Map.of());
        assertThat(c.mode()).isEqualTo(SilverToGoldConfig.Mode.BATCH);
        assertThat(c.eventsExchange()).isEqualTo("songnodes.silver.events");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.toString()).doesNotContain("secret").contains("password=***");
    }

    @Test
    void takesUrlsFromTheEnvironment() {
        SilverToGoldConfig c = SilverToGoldConfig.parse(new String[] {"--mode", "STREAMING"},
                Map.of("SONGNODES_JDBC_URL", PG, "SONGNODES_AMQP_URI", "amqp://u:pw@host:5672/%2f"));
        assertThat(c.mode()).isEqualTo(SilverToGoldConfig.Mode.STREAMING);
        assertThat(c.amqp().connectionFactory().getHost()).isEqualTo("host");
        assertThat(c.toString()).doesNotContain("pw@").contains("u:***@");
    }

    @Test
    void badConfigFailsNamingTheKey() {
        assertThatThrownBy(() -> SilverToGoldConfig.parse(new String[] {"--jdbc-url", PG}, Map.of())).hasMessageContaining("--mode");
        assertThatThrownBy(() -> SilverToGoldConfig.parse(new String[] {"--mode", "sideways", "--jdbc-url", PG}, Map.of()))
                .hasMessageContaining("--mode");
        assertThatThrownBy(() -> SilverToGoldConfig.parse(new String[] {"--mode", "batch"}, Map.of())).hasMessageContaining("--jdbc-url");
        assertThatThrownBy(() -> SilverToGoldConfig.parse(new String[] {"--mode", "streaming", "--jdbc-url", PG}, Map.of()))
                .hasMessageContaining("--amqp-uri");
        assertThatThrownBy(() -> SilverToGoldConfig.parse(new String[] {"--mode", "batch", "--jdbc-url", PG, "--prefetch", "0"}, Map.of()))
                .hasMessageContaining("--prefetch");
    }
}
