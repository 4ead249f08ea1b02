package io.songnodes.jobs.bronzetosilver.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Routing of failed enrichments in the operator harness: a replay that fails again keeps its first failure time. */
class RouteFunctionTest {
    private static final String OK = "{\"source\":\"mixesdb\",\"source_url\":\"https://www.mixesdb.com/w/x\",\"artist\":\"Feral\","
            + "\"title\":\"Brahma\",\"scraped_at\":\"2025-10-10T12:00:00Z\"}";

    @Test
    void aReplayedRecordThatFailsAgainKeepsFirstFailedAt() throws Exception {
        Instant first = Instant.parse("2025-10-10T12:00:03Z");
        DeadLetter envelope = DeadLetter.firstFailure(ErrorType.PROVIDER_TRANSIENT, "503", "musicbrainz", null, "bronze-to-silver", 4,
                "bronze-q", OK, first).replayed();
        BronzeMessage m = BronzeValidator.validate(Json.write(envelope)).message();
        try (OneInputStreamOperatorTestHarness<Enriched, Settled> h = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new RouteFunction("bronze-q", "dlq-q")))) {
            h.open();
            h.processElement(new StreamRecord<>(Enriched.failed(m, ErrorType.TIMEOUT, "enrichment timed out", System.nanoTime())));
            List<DeadLetter> dead = h.getSideOutput(RouteFunction.DEAD_LETTERS).stream().map(r -> {
                try {
                    return Json.read(r.getValue().body(), DeadLetter.class);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).firstFailedAt()).isEqualTo(first);
            assertThat(dead.get(0).lastFailedAt()).isAfter(first);
            assertThat(dead.get(0).replayCount()).isEqualTo(1);
        }
    }
}
