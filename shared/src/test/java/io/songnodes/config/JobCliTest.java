package io.songnodes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every job's entry: --help prints the usage and exits 0, a bad option one line naming it and exit code 2. */
class JobCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Duration run(String... args) {
        return JobCli.parse("demo-job", "  --every DURATION   how often\n", args,
                o -> o.duration("every", Duration.ofSeconds(2)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void parsesTypedValuesWithTheOneDurationSyntax() {
        assertThat(run()).isEqualTo(Duration.ofSeconds(2));
        assertThat(run("--every", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(run("--every=PT2H")).isEqualTo(Duration.ofHours(2));
        assertThat(out.size() + err.size()).isZero();
    }

    @Test
    void helpPrintsTheUsageAndExitsZero() {
        assertThatThrownBy(() -> run("--every", "nonsense", "--help")).isInstanceOfSatisfying(JobCli.Exit.class, e -> assertThat(e.code()).isZero());
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage: demo-job [options]\n").contains("--every DURATION");
        assertThat(err.size()).isZero();
    }

    @Test
    void aBadValueOrUnknownOptionPrintsOneLineNamingItAndExitsTwo() {
        assertThatThrownBy(() -> run("--every", "soon")).isInstanceOfSatisfying(JobCli.Exit.class, e -> assertThat(e.code()).isEqualTo(2));
        assertThatThrownBy(() -> run("--evry", "2s")).isInstanceOf(JobCli.Exit.class);
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("demo-job: --every: must be a duration").endsWith("(see --help)");
        assertThat(lines[1]).startsWith("demo-job: --evry: unknown option");
        assertThat(JobCli.listedOptions("  --every DURATION   how often\n  --help\n")).containsExactly("every");
        assertThat(out.size()).isZero();
    }

    @Test
    void aFileWithSeveralProblemsStillPrintsOneLine() {
        assertThatThrownBy(() -> JobCli.parse("demo-job", "", new String[0], o -> {
            throw new ConfigException("waterfall.yaml", java.util.List.of("fields.bpm: unknown", "providers.x: unknown"));
        }, new PrintStream(out), new PrintStream(err))).isInstanceOf(JobCli.Exit.class);
        assertThat(err.toString(StandardCharsets.UTF_8).strip()).doesNotContain("\n").contains("fields.bpm: unknown").contains("providers.x");
    }
}
