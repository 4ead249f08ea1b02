package io.songnodes.tools.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.bronze.BronzeMessage;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.SilverTrackBuilder;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Batch enrichment keeps input order, reports every bad line by number, and never drops a record silently. */
class BatchEnricherTest {
    private static String bronze(String artist, String title) {
        return Json.write(new BronzeRecord("mixesdb", "https://www.mixesdb.com/w/x", null, artist, title, null, null,
                Instant.parse("2025-10-10T12:00:00Z"), "test"));
    }

    /** A stand-in for the waterfall: echoes the track into a silver record, or throws for a title "boom". */
    private static final Function<BronzeMessage, EnrichmentResult> ECHO = m -> {
        if (m.record().title().equals("boom")) throw new IllegalStateException("exploded");
        SilverTrackBuilder b = new SilverTrackBuilder();
        b.trackId = m.trackId();
        b.artist = m.record().artist();
        b.title = m.record().title();
        b.enrichmentStatus = EnrichmentStatus.PARTIAL;
        return new EnrichmentResult(b.build(), EnrichmentStatus.PARTIAL, 0, List.of(), List.of(), List.of(), null);
    };

    private record Outcome(BatchEnricher.Counts counts, List<JsonNode> silver, String err) {}

    private static Outcome run(List<String> lines, int threads) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        BatchEnricher.Counts c = new BatchEnricher(ECHO, threads)
                .run(new BufferedReader(new StringReader(String.join("\n", lines))), out, new PrintWriter(err, true));
        List<JsonNode> silver = new ArrayList<>();
        for (String l : out.toString().split("\n")) if (!l.isEmpty()) silver.add(Json.MAPPER.readTree(l));
        return new Outcome(c, silver, err.toString());
    }

    @Test
    void writesOneSilverRecordPerValidLineInInputOrder() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) lines.add(bronze("Artist " + i, "Title " + i));
        Outcome o = run(lines, 4);
        assertThat(o.counts()).isEqualTo(new BatchEnricher.Counts(500, 500, 0, 0));
        assertThat(o.silver()).hasSize(500);
        for (int i = 0; i < 500; i++) assertThat(o.silver().get(i).path("title").asText()).isEqualTo("Title " + i);
        assertThat(o.err()).isEmpty();
    }

    @Test
    void reportsInvalidAndFailedLinesWithTheirNumbers() throws Exception {
        Outcome o = run(List.of(bronze("A", "One"), "{not json", "", "[1,2]", bronze("B", "boom"),
                "{\"source\":\"x\",\"source_url\":\"u\",\"scraped_at\":\"2025-01-01T00:00:00Z\",\"artist\":\"A\"}", bronze("C", "Two")), 2);
        assertThat(o.counts()).isEqualTo(new BatchEnricher.Counts(7, 2, 3, 1));
        assertThat(o.silver()).extracting(n -> n.path("title").asText()).containsExactly("One", "Two");
        assertThat(o.err()).contains("line 2: invalid bronze record: not valid JSON")
                .contains("line 4: invalid bronze record: not a JSON object")
                .contains("line 5: enrichment failed: java.lang.IllegalStateException: exploded")
                .contains("line 6: invalid bronze record: missing field 'title'")
                .doesNotContain("line 3");
    }

    @Test
    void refusesZeroThreads() {
        assertThatThrownBy(() -> new BatchEnricher(ECHO, 0)).hasMessageContaining("--threads");
    }
}
