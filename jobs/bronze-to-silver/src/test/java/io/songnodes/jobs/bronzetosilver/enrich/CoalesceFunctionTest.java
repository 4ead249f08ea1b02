package io.songnodes.jobs.bronzetosilver.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.EnrichmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Coalescing by track id in the operator harness: what is forwarded, what settles, and that the keyed state expires. */
class CoalesceFunctionTest {
    private static final Duration FRESHNESS = Duration.ofMinutes(10);

    private KeyedOneInputStreamOperatorTestHarness<String, BronzeMessage, BronzeMessage> harness;

    @BeforeEach
    void open() throws Exception {
        harness = harness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, BronzeMessage, BronzeMessage> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, BronzeMessage, BronzeMessage> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CoalesceFunction(FRESHNESS)), BronzeMessage::trackId, Types.STRING);
        h.setProcessingTime(0);
        h.setStateTtlProcessingTime(0);
        return h;
    }

    private static BronzeMessage message(String source, String url, String artist, String title) {
        BronzeRecord r = new BronzeRecord(source, url, null, artist, title, null, null, Instant.parse("2024-05-01T20:00:00Z"), "test");
        Validation v = BronzeValidator.validate(Json.write(r));
        assertThat(v.isValid()).as(v.reason()).isTrue();
        return v.message();
    }

    private static BronzeMessage track(String url) { return message("1001tracklists", url, "Cosmic Gate", "Come With Me"); }

    private static BronzeMessage replay(BronzeMessage m) {
        return new BronzeMessage(m.record(), m.raw(), m.bronzeKey(), m.trackId(), m.identity(), m.unidentified(), 1);
    }

    private void process(BronzeMessage m) throws Exception { harness.processElement(new StreamRecord<>(m)); }

    private List<BronzeMessage> forwarded() { return harness.extractOutputValues(); }

    private List<Settled> settled() {
        ConcurrentLinkedQueue<StreamRecord<Settled>> out = harness.getSideOutput(CoalesceFunction.SETTLED);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private List<BronzeMessage> coalesced() {
        ConcurrentLinkedQueue<StreamRecord<BronzeMessage>> out = harness.getSideOutput(CoalesceFunction.COALESCED);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private void advance(Duration by) throws Exception {
        long to = harness.getProcessingTime() + by.toMillis();
        harness.setProcessingTime(to);
        harness.setStateTtlProcessingTime(to);
    }

    @Test
    void theFirstMessageOfATrackIsEnrichedAndASecondWithinTheWindowOnlyWritesItsLinks() throws Exception {
        BronzeMessage first = track("https://www.1001tracklists.com/tracklist/a.html");
        BronzeMessage second = track("https://www.1001tracklists.com/tracklist/b.html");
        assertThat(second.trackId()).isEqualTo(first.trackId());
        assertThat(second.bronzeKey()).isNotEqualTo(first.bronzeKey());

        process(first);
        advance(FRESHNESS.minusSeconds(1));
        process(second);

        assertThat(forwarded()).containsExactly(first);
        // not settled here: it waits for the first play's enrichment to succeed (SettleCoalescedFunction)
        assertThat(settled()).as("a coalesced play never settles before its track's enrichment succeeded").isEmpty();
        assertThat(coalesced()).containsExactly(second);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    }

    @Test
    void unidentifiedTracksSettleAtOnceAsUnidentifiedWithoutState() throws Exception {
        BronzeMessage id = message("1001tracklists", "https://www.1001tracklists.com/tracklist/c.html", "ID", "ID");
        assertThat(id.unidentified()).isTrue();

        process(id);
        process(id);

        assertThat(forwarded()).isEmpty();
        assertThat(settled()).hasSize(2);
        for (Settled s : settled()) {
            assertThat(s.message()).isEqualTo(id);
            assertThat(s.track()).isNotNull();
            assertThat(s.track().enrichmentStatus()).isEqualTo(EnrichmentStatus.UNIDENTIFIED);
            assertThat(s.track().trackId()).isEqualTo(id.trackId());
        }
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void replaysAndReenrichmentAreAlwaysEnriched() throws Exception {
        BronzeMessage first = track("https://www.1001tracklists.com/tracklist/a.html");
        BronzeMessage replayed = replay(track("https://www.1001tracklists.com/tracklist/b.html"));
        BronzeMessage reenrich = new BronzeMessage(
                new BronzeRecord(Reenrichment.SOURCE, "silver:" + first.trackId(), first.trackId(), "Cosmic Gate", "Come With Me",
                        null, null, Instant.parse("2024-05-02T00:00:00Z"), "reenrichment"),
                "{}", Reenrichment.SOURCE + '|' + first.trackId(), first.trackId(), first.identity(), false, 0, null, true);

        process(first);
        process(replayed);
        process(reenrich);
        process(replayed);

        assertThat(forwarded()).containsExactly(first, replayed, reenrich, replayed);
        assertThat(settled()).isEmpty();
    }

    @Test
    void aRecordOnTheQueueClaimingToBeAReenrichmentIsCoalescedLikeAnyOther() throws Exception {
        BronzeMessage first = track("https://www.1001tracklists.com/tracklist/a.html");
        BronzeMessage claiming = message(Reenrichment.SOURCE, "https://www.1001tracklists.com/tracklist/z.html", "Cosmic Gate", "Come With Me");
        assertThat(claiming.trackId()).isEqualTo(first.trackId());
        assertThat(claiming.reenrichment()).isFalse();

        process(first);
        process(claiming);

        assertThat(forwarded()).containsExactly(first);
        assertThat(coalesced()).as("coalesced like any record, not forced through enrichment").containsExactly(claiming);
    }

    @Test
    void theStateExpiresWithTheFreshnessWindowAndIsCleanedUp() throws Exception {
        BronzeMessage a = track("https://www.1001tracklists.com/tracklist/a.html");
        BronzeMessage b = message("1001tracklists", "https://www.1001tracklists.com/tracklist/a.html", "Armin van Buuren", "Blah Blah Blah");
        BronzeMessage c = message("1001tracklists", "https://www.1001tracklists.com/tracklist/a.html", "Tiësto", "The Business");
        process(a);
        process(b);
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        advance(FRESHNESS.plusSeconds(1));
        // Flink's incremental TTL cleanup sweeps a few entries on every state access, so the traffic of other
        // keys removes expired entries that are never read again
        process(c);
        List<BronzeMessage> others = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            BronzeMessage m = message("1001tracklists", "https://www.1001tracklists.com/tracklist/d.html", "Artist " + i, "Title " + i);
            others.add(m);
            process(m);
        }
        assertThat(harness.numKeyedStateEntries()).as("only the entries of c and the 20 new keys are left").isEqualTo(21);

        // and a once-fresh track is enriched again after its window
        process(a);
        List<BronzeMessage> expected = new java.util.ArrayList<>(List.of(a, b, c));
        expected.addAll(others);
        expected.add(a);
        assertThat(forwarded()).containsExactlyElementsOf(expected);
        assertThat(settled()).isEmpty();
    }

    @Test
    void expiredEntriesAreLeftOutOfSnapshots() throws Exception {
        process(track("https://www.1001tracklists.com/tracklist/a.html"));
        process(message("1001tracklists", "https://www.1001tracklists.com/tracklist/a.html", "Armin van Buuren", "Blah Blah Blah"));
        OperatorSubtaskState fresh = harness.snapshot(1, 1);
        long then = harness.getProcessingTime();
        advance(FRESHNESS.plusSeconds(1));
        OperatorSubtaskState expired = harness.snapshot(2, 2);

        assertThat(restoredEntries(fresh, then)).isEqualTo(2);
        assertThat(restoredEntries(expired, harness.getProcessingTime())).as("full-snapshot cleanup drops expired state").isZero();
    }

    private static long restoredEntries(OperatorSubtaskState state, long now) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, BronzeMessage, BronzeMessage> restored = harness()) {
            restored.setStateTtlProcessingTime(now);
            restored.initializeState(state);
            restored.open();
            return restored.numKeyedStateEntries();
        }
    }
}
