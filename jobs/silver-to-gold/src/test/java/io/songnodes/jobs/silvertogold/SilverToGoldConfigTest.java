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

    @Test
    void usesTheSharedSpellingsAndHelpListsExactlyWhatIsRead() {
        SilverToGoldConfig c = SilverToGoldConfig.parse(new String[] {"--mode", "batch", "--jdbc-url", PG, "--dlq", "my.dlq",
                "--checkpoint-interval", "2s", "--stats-interval", "1min"}, Map.of());
        assertThat(c.dlqQueue()).isEqualTo("my.dlq");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.statsInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> SilverToGoldConfig.parse(new String[] {"--mode", "batch", "--jdbc-url", PG, "--checkpoint-interval-seconds", "5"}, Map.of()))
                .hasMessageStartingWith("--checkpoint-interval-seconds: unknown option");
        assertThatThrownBy(() -> SilverToGoldConfig.parse(new String[] {"--mode", "batch", "--jdbc-url", PG, "--stats-interval", "10ms"}, Map.of()))
                .hasMessageStartingWith("--stats-interval:");

        io.songnodes.config.Options o = io.songnodes.config.Options.parse(new String[] {"--mode", "streaming"},
                Map.of("SONGNODES_JDBC_URL", PG, "SONGNODES_AMQP_URI", "amqp://u:p@h:5672/%2f"));
        SilverToGoldConfig.parse(o);
        java.util.Set<String> usage = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s+--([a-z-]+)", java.util.regex.Pattern.MULTILINE).matcher(SilverToGoldConfig.USAGE);
        while (m.find()) usage.add(m.group(1));
        usage.remove("help");
        assertThat(usage).isEqualTo(o.known());
    }
}
