package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.config.Options;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The job's options: the shared spellings, and --help listing exactly what the parser reads. */
class BronzeToSilverOptionsTest {
    private static final Map<String, String> ENV = Map.of("SONGNODES_JDBC_URL", "jdbc:postgresql://localhost/x",
            "SONGNODES_AMQP_URI", "amqp://guest:guest@localhost:5672/%2f");

    static Set<String> usageOptions(String usage) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("^\\s+--([a-z-]+)", Pattern.MULTILINE).matcher(usage);
        while (m.find()) names.add(m.group(1));
        names.remove("help");
        return names;
    }

    @Test
    void helpListsExactlyTheOptionsTheParserReads() {
        Options o = Options.parse(new String[0], ENV);
        BronzeToSilverOptions.parse(o, null);
        assertThat(usageOptions(BronzeToSilverOptions.USAGE)).isEqualTo(o.known());
    }

    @Test
    void sharedSpellingsAndDurations() {
        BronzeToSilverOptions b = BronzeToSilverOptions.parse(Options.parse(new String[] {"--dlq", "my.dlq", "--checkpoint-interval", "500ms"}, ENV), null);
        assertThat(b.deadLetterQueue()).isEqualTo("my.dlq");
        assertThat(b.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> BronzeToSilverOptions.parse(Options.parse(new String[] {"--checkpoint-interval", "5"}, ENV), null))
                .hasMessageStartingWith("--checkpoint-interval:");
        assertThatThrownBy(() -> BronzeToSilverOptions.parse(Options.parse(new String[] {"--dlq-queue", "q"}, ENV), null))
                .hasMessageStartingWith("--dlq-queue: unknown option");
    }
}
