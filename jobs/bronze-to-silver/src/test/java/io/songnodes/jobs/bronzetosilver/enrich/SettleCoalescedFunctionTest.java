package io.songnodes.jobs.bronzetosilver.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Coalesced plays settle only after their track's enrichment succeeded: state, timers and outputs in the harness. */
class SettleCoalescedFunctionTest {
    private static final Duration FRESHNESS = Duration.ofMinutes(10);
    private static final Duration MAX_WAIT = Duration.ofMinutes(4);

    private KeyedTwoInputStreamOperatorTestHarness<String, EnrichmentOutcome, BronzeMessage, Settled> h;

    @BeforeEach
    void open() throws Exception {
        h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new SettleCoalescedFunction(FRESHNESS, MAX_WAIT, "bronze-q", "dlq-q")),
                EnrichmentOutcome::trackId, BronzeMessage::trackId, Types.STRING);
        h.setup();
        h.open();
        h.setProcessingTime(0);
    }

    @AfterEach
    void close() throws Exception { h.close(); }

    private static BronzeMessage play(String url) {
        BronzeRecord r = new BronzeRecord("1001tracklists", url, null, "Cosmic Gate", "Come With Me", null, null,
                Instant.parse("2024-05-01T20:00:00Z"), "test");
        Validation v = BronzeValidator.validate(Json.write(r));
        assertThat(v.isValid()).as(v.reason()).isTrue();
        return v.message();
    }

    private static EnrichmentOutcome ok(BronzeMessage m) { return new EnrichmentOutcome(m.trackId(), null, null, null, null); }

    private static EnrichmentOutcome failed(BronzeMessage m) {
        return new EnrichmentOutcome(m.trackId(), ErrorType.PROVIDER_TRANSIENT, "musicbrainz", null, "503 after 3 attempts");
    }

    private List<Settled> settled() { return h.extractOutputValues(); }

    private List<DeadLetter> dead() {
        ConcurrentLinkedQueue<StreamRecord<io.songnodes.flink.rabbit.Outbound>> out = h.getSideOutput(SettleCoalescedFunction.DEAD_LETTERS);
        if (out == null) return List.of();
        return out.stream().map(r -> {
            try {
                return Json.read(r.getValue().body(), DeadLetter.class);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    @Test
    void aPlayWaitsForTheEnrichmentAndSettlesWhenItSucceeded() throws Exception {
        BronzeMessage first = play("https://www.1001tracklists.com/tracklist/a.html");
        BronzeMessage second = play("https://www.1001tracklists.com/tracklist/b.html");

        h.processElement2(new StreamRecord<>(second));
        assertThat(settled()).as("nothing settles before the outcome").isEmpty();
        assertThat(h.numProcessingTimeTimers()).isEqualTo(1);
        assertThat(h.numKeyedStateEntries()).as("the waiting play and its deadline").isEqualTo(2);

        h.processElement1(new StreamRecord<>(ok(first)));
        assertThat(settled()).extracting(Settled::message).containsExactly(second);
        assertThat(settled().get(0).hasTrack()).isFalse();
        assertThat(h.numProcessingTimeTimers()).as("the deadline is cancelled").isZero();
        assertThat(h.numKeyedStateEntries()).as("only the outcome is kept").isEqualTo(1);

        // later plays within the window settle at once
        BronzeMessage third = play("https://www.1001tracklists.com/tracklist/c.html");
        h.processElement2(new StreamRecord<>(third));
        assertThat(settled()).extracting(Settled::message).containsExactly(second, third);
        assertThat(dead()).isEmpty();
    }

    @Test
    void afterAFailedEnrichmentPlaysGoToTheDlqWithThatFailureNeverToSilverWithoutARow() throws Exception {
        BronzeMessage first = play("https://www.1001tracklists.com/tracklist/a.html");
        BronzeMessage second = play("https://www.1001tracklists.com/tracklist/b.html");
        BronzeMessage third = play("https://www.1001tracklists.com/tracklist/c.html");

        h.processElement2(new StreamRecord<>(second));
        h.processElement1(new StreamRecord<>(failed(first)));
        h.processElement2(new StreamRecord<>(third));

        assertThat(settled()).isEmpty();
        assertThat(dead()).hasSize(2).allSatisfy(d -> {
            assertThat(d.errorType()).isEqualTo(ErrorType.PROVIDER_TRANSIENT);
            assertThat(d.provider()).isEqualTo("musicbrainz");
            assertThat(d.reason()).contains("coalesced").contains("503 after 3 attempts");
            assertThat(d.originalQueue()).isEqualTo("bronze-q");
        });
        assertThat(dead()).extracting(DeadLetter::payload).containsExactly(second.raw(), third.raw());
        assertThat(h.numProcessingTimeTimers()).isZero();

        // a later success (a replay) makes the track good again
        h.processElement1(new StreamRecord<>(ok(first)));
        BronzeMessage fourth = play("https://www.1001tracklists.com/tracklist/d.html");
        h.processElement2(new StreamRecord<>(fourth));
        assertThat(settled()).extracting(Settled::message).containsExactly(fourth);
    }

    @Test
    void aPlayWhoseOutcomeNeverComesGoesToTheDlqAtItsDeadline() throws Exception {
        BronzeMessage second = play("https://www.1001tracklists.com/tracklist/b.html");
        h.processElement2(new StreamRecord<>(second));
        h.setProcessingTime(MAX_WAIT.toMillis() - 1);
        assertThat(dead()).isEmpty();
        h.setProcessingTime(MAX_WAIT.toMillis());
        assertThat(dead()).hasSize(1);
        assertThat(dead().get(0).errorType()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(settled()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numProcessingTimeTimers()).isZero();
    }
}
