package io.songnodes.jobs.dlqreplay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.jobs.dlqreplay.replay.ReplayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options: defaults, normalisation, and fail-fast messages that name the option. */
class ReplayCommandTest {
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Map<String, String> ENV = Map.of("SONGNODES_AMQP_URI", "amqp://replayer@rabbit:5672/%2f", "SONGNODES_AMQP_PASSWORD", "s3cret");

    static ReplayConfig parse(String... args) { return ReplayCommand.parse(args, ENV, CLOCK); }

    @Test
    void defaultsAreTheProductionQueuesAndASafeRun() {
        ReplayConfig c = parse();
        assertThat(c.dlq()).isEqualTo("songnodes.dlq");
        assertThat(c.parking()).isEqualTo("songnodes.dlq.parking");
        assertThat(c.maxReplays()).isEqualTo(3);
        assertThat(c.maxMessages()).isEqualTo(Long.MAX_VALUE);
        assertThat(c.stopAt()).isEqualTo(NOW.plus(Duration.ofMinutes(25)));
        assertThat(c.dryRun()).isFalse();
        assertThat(c.rate()).isZero();
        assertThat(c.effectiveBatch()).isEqualTo(200);
        assertThat(c.metricsLinger()).isEqualTo(Duration.ofSeconds(20));
        assertThat(parse("--metrics-linger", "0s").metricsLinger()).isZero();
        assertThat(c.amqp().toString()).isEqualTo("amqp://replayer:***@rabbit:5672//").doesNotContain("s3cret");
    }

    @Test
    void filtersAreNormalisedAndTimesResolvedAgainstTheStart(@TempDir Path dir) throws Exception {
        Path ids = Files.writeString(dir.resolve("ids"), "a\n\n# comment\n b \n");
        ReplayConfig c = parse("--error-type", "Provider_Transient,timeout", "--provider", "SPOTIFY", "--field", "bpm", "--source", "mixesdb",
                "--older-than", "2h", "--newer-than", "2026-01-01T00:00:00Z", "--ids", ids.toString(), "--until", "2026-03-01T12:05:00Z",
                "--rate", "50", "--provider-limit", "discogs=0.5", "--max-messages", "10", "--dry-run");
        assertThat(c.filter().errorTypes()).containsExactlyInAnyOrder("provider_transient", "timeout");
        assertThat(c.filter().providers()).containsExactly("spotify");
        assertThat(c.filter().olderThan()).isEqualTo(NOW.minus(Duration.ofHours(2)));
        assertThat(c.filter().newerThan()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(c.filter().ids()).isEqualTo(Set.of("a", "b"));
        assertThat(c.stopAt()).isEqualTo(Instant.parse("2026-03-01T12:05:00Z"));
        assertThat(c.limits().rate("discogs")).isEqualTo(0.5);
        assertThat(c.limits().rate("musicbrainz")).isEqualTo(1.0);
        assertThat(c.effectiveBatch()).isEqualTo(1);
        assertThat(parse("--rate", "1000").effectiveBatch()).isEqualTo(20);
        assertThat(c.maxMessages()).isEqualTo(10);
        assertThat(c.dryRun()).isTrue();
    }

    @Test
    void badValuesFailFastNamingTheOption() {
        assertThatThrownBy(() -> parse("--error-type", "oops")).hasMessageContaining("--error-type").hasMessageContaining("provider_transient");
        assertThatThrownBy(() -> parse("--provider", "napster")).hasMessageContaining("--provider");
        assertThatThrownBy(() -> parse("--rate", "-1")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> parse("--max-replays", "-1")).hasMessageContaining("--max-replays");
        assertThatThrownBy(() -> parse("--max-messages", "0")).hasMessageContaining("--max-messages");
        assertThatThrownBy(() -> parse("--older-than", "last week")).hasMessageContaining("--older-than");
        assertThatThrownBy(() -> parse("--max-run-time", "forever")).hasMessageContaining("--max-run-time");
        assertThatThrownBy(() -> parse("--metrics-linger", "-5s")).hasMessageContaining("--metrics-linger");
        assertThatThrownBy(() -> parse("--provider-limit", "discogs=fast")).hasMessageContaining("--provider-limit");
        assertThatThrownBy(() -> parse("--dlq", "q", "--parking", "q")).hasMessageContaining("--parking");
        assertThatThrownBy(() -> parse("--ids", "/nonexistent/ids.txt")).hasMessageContaining("--ids");
        assertThatThrownBy(() -> parse("--no-such-option")).hasMessageContaining("--no-such-option");
    }

    @Test
    void noBrokerConfiguredFailsNamingBothWays() {
        assertThatThrownBy(() -> ReplayCommand.parse(new String[0], Map.of(), CLOCK))
                .hasMessageContaining("--amqp-uri").hasMessageContaining("SONGNODES_AMQP_URI");
        assertThatThrownBy(() -> ReplayCommand.parse(new String[] {"--amqp-uri", "amqp://u@h:5672/%2f"}, Map.of(), CLOCK))
                .hasMessageContaining("SONGNODES_AMQP_PASSWORD");
    }

    @Test
    void helpYieldsNoRunEvenWithoutABroker() {
        assertThat(ReplayCommand.parse(new String[] {"--help"}, Map.of(), CLOCK)).isNull();
        assertThat(ReplayCommand.parse(new String[] {"--dlq", "q", "-h"}, Map.of(), CLOCK)).isNull();
    }

    @Test
    void helpListsExactlyTheOptionsTheParserReads() {
        io.songnodes.config.Options o = io.songnodes.config.Options.parse(new String[0], ENV);
        ReplayCommand.parse(o, ENV, CLOCK);
        Set<String> usage = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s+--([a-z-]+)", java.util.regex.Pattern.MULTILINE).matcher(ReplayCommand.USAGE);
        while (m.find()) usage.add(m.group(1));
        usage.remove("help");
        assertThat(usage).isEqualTo(o.known());
        assertThat(parse("--provider-limit", "discogs=2,spotify=5").limits().rate("spotify")).isEqualTo(5.0);
        assertThat(parse("--max-run-time", "PT1H").stopAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void replaysGoOnlyToTheBronzeAndReenrichmentQueuesUnlessMoreAreAllowed() {
        assertThat(parse().allowedQueues()).containsExactlyInAnyOrder("songnodes.bronze.tracks", "songnodes.reenrich");
        assertThat(parse("--allow-queue", "a.q,b.q").allowedQueues()).containsExactlyInAnyOrder("songnodes.bronze.tracks", "songnodes.reenrich", "a.q", "b.q");
        assertThatThrownBy(() -> parse("--allow-queue", "songnodes.dlq")).hasMessageContaining("--allow-queue");
    }
}
