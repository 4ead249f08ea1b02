package io.songnodes.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TransitionRulesTest {
    private static final Completeness NONE = Completeness.ofCounts(0, 0, 0);

    private static TrackFacts t(String id) {
        return new TrackFacts(id, "A", id, 128.0, "8A", null, 0.5, List.of(), id.startsWith("unk_") ? "unidentified" : "completed", 0.9, NONE);
    }

    private static PlaylistFacts set(String id, LocalDate date, Object... posAndTrack) {
        List<PlaylistFacts.Entry> entries = new ArrayList<>();
        for (int i = 0; i < posAndTrack.length; i += 2) entries.add(new PlaylistFacts.Entry("bk" + i, (Integer) posAndTrack[i], (String) posAndTrack[i + 1]));
        return new PlaylistFacts(id, id, "DJ", null, date, entries);
    }

    private static List<String> pairs(PlaylistFacts s, Map<String, TrackFacts> tracks) {
        return Transitions.of(s, tracks).stream().map(o -> o.fromTrackId() + ">" + o.toTrackId()).collect(Collectors.toList());
    }

    @Test
    void selfLoopsUnidentifiedGapsAndMissingPositionsBreakTheChain() {
        Map<String, TrackFacts> tracks = Map.of("a", t("a"), "b", t("b"), "c", t("c"), "d", t("d"), "unk_1", t("unk_1"));
        PlaylistFacts s = set("p", null, 1, "a", 2, "a", 3, "b", 4, "unk_1", 5, "c", 7, "d", null, "a", 8, "zzz_not_in_silver", 9, "b");
        // 1a->2a self-loop dropped; 2a->3b kept; 3b->4unk and 4unk->5c dropped (no bridging); 5->7 gap; 7d->8 missing track
        assertThat(pairs(s, tracks)).containsExactly("a>b");
    }

    @Test
    void withRowsLinkEveryTrackOfOnePositionToEveryTrackOfTheNext() {
        Map<String, TrackFacts> tracks = Map.of("a", t("a"), "b", t("b"), "c", t("c"), "d", t("d"));
        PlaylistFacts s = set("p", null, 1, "a", 2, "c", 2, "b", 3, "d");
        assertThat(pairs(s, tracks)).containsExactly("a>b", "a>c", "b>d", "c>d");
    }

    @Test
    void aggregateCountsDistinctSetsAndSpansDates() {
        Map<String, TrackFacts> tracks = Map.of("a", t("a"), "b", t("b"));
        List<Transitions.Occurrence> occ = new ArrayList<>();
        occ.addAll(Transitions.of(set("p2", LocalDate.of(2020, 5, 1), 1, "a", 2, "b", 3, "a", 4, "b"), tracks));
        occ.addAll(Transitions.of(set("p1", LocalDate.of(2019, 1, 2), 10, "a", 11, "b"), tracks));
        occ.addAll(Transitions.of(set("p3", null, 1, "a", 2, "b"), tracks));
        Rows.Transition r = Transitions.aggregate(tracks.get("a"), tracks.get("b"), occ.stream().filter(o -> o.fromTrackId().equals("a")).toList());
        assertThat(r.setCount()).isEqualTo(3);
        assertThat(r.occurrenceCount()).isEqualTo(4);
        assertThat(r.playlistIds()).containsExactly("p1", "p2", "p3");
        assertThat(r.firstSeen()).isEqualTo(LocalDate.of(2019, 1, 2));
        assertThat(r.lastSeen()).isEqualTo(LocalDate.of(2020, 5, 1));
    }

    @Test
    void setDatesReadTheSitesFormats() {
        assertThat(SetDates.parse("Sun, Jul 28 2019")).isEqualTo(LocalDate.of(2019, 7, 28));
        assertThat(SetDates.parse("2019-07-28")).isEqualTo(LocalDate.of(2019, 7, 28));
        assertThat(SetDates.parse("2014-02-21 - Adiel @ Somewhere")).isEqualTo(LocalDate.of(2014, 2, 21));
        assertThat(SetDates.parse("someday")).isNull();
        assertThat(SetDates.of(null, java.time.Instant.parse("2025-10-10T23:30:00Z"))).isEqualTo(LocalDate.of(2025, 10, 10));
    }
}
