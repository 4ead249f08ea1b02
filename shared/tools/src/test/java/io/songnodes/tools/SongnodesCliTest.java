package io.songnodes.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.testing.TeamKit;
import io.songnodes.tools.catalog.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI builds a catalog, and refuses bad simulate options before starting anything. */
class SongnodesCliTest {
    @Test
    void catalogCommandWritesTheKitCatalog(@TempDir Path tmp) {
        Path out = tmp.resolve("catalog.jsonl");
        int code = SongnodesCli.run("catalog", "--from-1001", TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer").toString(),
                "--output", out.toString());
        assertThat(code).isZero();
        assertThat(Catalog.load(out).tracks()).isNotEmpty().allMatch(t -> t.has("spotify") || t.has("beatport"));
    }

    @Test
    void simulateRefusesBadOptionsWithAMessage(@TempDir Path tmp) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            assertThat(SongnodesCli.run("simulate", "--fixtures", TeamKit.providers().toString(), "--fault", "deezer:boom:0.1")).isEqualTo(2);
            assertThat(SongnodesCli.run("simulate", "--port", "0")).isEqualTo(2);
            assertThat(SongnodesCli.run("simulate", "--fixtures", TeamKit.providers().toString(), "--limit", "napster=1/1s")).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        assertThat(buf.toString()).contains("boom").contains("catalog or fixtures").contains("napster");
    }

    @Test
    void enrichRefusesBadOptionsBeforeCallingAnyProvider(@TempDir Path tmp) throws Exception {
        Path badConfig = tmp.resolve("waterfall.yaml");
        java.nio.file.Files.writeString(badConfig, "fields:\n  bpm: { providers: [beatport], min_confidence: 1.5 }\n");
        java.io.StringWriter err = new java.io.StringWriter();
        for (String[] args : new String[][] {
                {"enrich"},
                {"enrich", "--artist", "A", "--title", "T", "--input", "in.jsonl", "--output", "out.jsonl"},
                {"enrich", "--artist", "A"},
                {"enrich", "--input", "in.jsonl"},
                {"enrich", "--artist", "A", "--title", "T", "--waterfall-config", badConfig.toString()},
                {"enrich", "--artist", "A", "--title", "T", "--limit-scale", "0"},
                {"enrich", "--input", tmp.resolve("missing.jsonl").toString(), "--output", tmp.resolve("out.jsonl").toString()}}) {
            picocli.CommandLine cl = SongnodesCli.commandLine(java.util.Map.of());
            cl.setErr(new java.io.PrintWriter(err, true));
            assertThat(cl.execute(args)).as(String.join(" ", args)).isEqualTo(2);
        }
        assertThat(err.toString())
                .contains("either --artist and --title (one track) or --input and --output")
                .contains("--artist and --title go together")
                .contains("--input and --output go together")
                .contains("fields.bpm.min_confidence")
                .contains("--limit-scale must be > 0")
                .contains("--input: cannot read");
    }
}
