package io.songnodes.jobs.dlqreplay.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary and dry-run report: counts, reasons, provider-call and time estimates. */
class ReplayReportTest {
    static ReplayOutcome o(ReplayStatus s, String type, String provider, String field) {
        String reason = provider == null ? "missing field 'title'" : "HTTP 503 from " + provider;
        return new ReplayOutcome("id", s, false, type, provider, field, reason, 1, null, s == ReplayStatus.ERROR ? "boom" : null);
    }

    static ReplayTally tally() {
        ReplayTally t = new ReplayTally();
        for (int i = 0; i < 30; i++) t.add(o(ReplayStatus.REPLAYED, "provider_transient", "musicbrainz", "bpm"));
        for (int i = 0; i < 20; i++) t.add(o(ReplayStatus.REPLAYED, "rate_limited", "deezer", "isrc"));
        for (int i = 0; i < 4; i++) t.add(o(ReplayStatus.REPLAYED, "validation", null, null));
        for (int i = 0; i < 5; i++) t.add(o(ReplayStatus.PARKED, "provider_transient", "musicbrainz", "bpm"));
        for (int i = 0; i < 7; i++) t.add(o(ReplayStatus.SKIPPED, "timeout", "spotify", "key"));
        t.add(o(ReplayStatus.ERROR, "provider_transient", "spotify", null));
        t.depthAtStart(67);
        t.stopReason("done");
        return t;
    }

    @Test
    void callsAreOnePerReplayToItsProviderAndOnePerProviderForRecordsWithoutOne() {
        Map<String, Long> calls = ReplayReport.estimatedCalls(tally(), ProviderLimits.defaults());
        assertThat(calls).containsEntry("musicbrainz", 34L).containsEntry("deezer", 24L).containsEntry("spotify", 4L)
                .containsEntry("discogs", 4L).containsEntry("lastfm", 4L).containsEntry("beatport", 4L);
    }

    @Test
    void theDefaultsAreTheSharedQuotaTable() {
        for (io.songnodes.enrich.ProviderName p : io.songnodes.enrich.ProviderName.values()) {
            assertThat(ProviderLimits.defaults().rate(p.id())).as(p.id())
                    .isEqualTo(io.songnodes.enrich.config.ProviderDefaults.rate(p).perSecond());
        }
    }

    @Test
    void timeIsTheSlowestProviderOrTheRateCap() {
        assertThat(ReplayReport.estimatedTime(tally(), ProviderLimits.defaults(), 0)).isEqualTo(Duration.ofSeconds(34));
        assertThat(ReplayReport.estimatedTime(tally(), ProviderLimits.defaults(), 0.5)).isEqualTo(Duration.ofSeconds(108));
        ProviderLimits fast = ProviderLimits.withOverrides(Map.of("musicbrainz", "17", "discogs", "4"), "--provider-limit");
        // now deezer, 24 calls at 10/s, is the slowest
        assertThat(ReplayReport.estimatedTime(tally(), fast, 0)).isEqualTo(Duration.ofMillis(2400));
    }

    @Test
    void theSummaryShowsStatusesAndBreakdowns() {
        String r = ReplayReport.render(tally(), "songnodes.dlq", "every message", 3, ProviderLimits.defaults(), 0, false);
        assertThat(r).contains("examined 67 of 67").contains("replayed        54").contains("parked           5")
                .contains("skipped          7").contains("error            1")
                .containsPattern("provider_transient +30 +5 +1").containsPattern("deezer +20 +0 +0").containsPattern("\\(none\\) +4 +0 +0")
                .containsPattern("1 +boom").containsPattern("musicbrainz +34 calls at 1.0/s = 34.0s").contains("estimated time under provider limits: 34.0s");
        assertThat(r).doesNotContain("timeout");
        assertThat(r).contains("top failure reasons (of 4 distinct)").containsPattern("35  provider_transient: HTTP 503 from musicbrainz\n +20  rate_limited: HTTP 503 from deezer\n +4  validation: missing field 'title'\n +1  provider_transient: HTTP 503 from spotify");
    }

    @Test
    void freeTextReasonsArePooledPastTheCap() {
        ReplayTally t = new ReplayTally();
        for (int i = 0; i < ReplayTally.MAX_REASONS + 50; i++) {
            t.add(new ReplayOutcome("id" + i, ReplayStatus.REPLAYED, false, "internal", null, null, "bug #" + i, 0, "q", null));
        }
        assertThat(t.byReason()).hasSize(ReplayTally.MAX_REASONS + 1);
        assertThat(t.byReason().get(ReplayTally.OTHER_REASONS)).containsExactly(50, 0, 0);
    }

    @Test
    void tallyMergeAddsUp() {
        ReplayTally a = tally();
        a.merge(tally());
        assertThat(a.count(ReplayStatus.REPLAYED)).isEqualTo(108);
        assertThat(a.byErrorType().get("provider_transient")).containsExactly(60, 10, 2);
    }
}
