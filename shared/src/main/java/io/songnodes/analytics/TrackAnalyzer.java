package io.songnodes.analytics;

import io.songnodes.music.CamelotKey;
import java.time.LocalDate;
import java.util.List;

/** Track analytics: plays across sets, the Camelot neighbourhood, and how complete and trusted the row is. */
public final class TrackAnalyzer {
    private TrackAnalyzer() {}

    /** One row of one set that played the track. */
    public record Appearance(String playlistId, LocalDate date) {}

    public static Rows.TrackAnalytics analyze(TrackFacts t, List<Appearance> appearances) {
        LocalDate first = null;
        LocalDate last = null;
        java.util.Set<String> sets = new java.util.HashSet<>();
        for (Appearance a : appearances) {
            sets.add(a.playlistId());
            if (a.date() != null) {
                if (first == null || a.date().isBefore(first)) first = a.date();
                if (last == null || a.date().isAfter(last)) last = a.date();
            }
        }
        CamelotKey k = t.camelot();
        return new Rows.TrackAnalytics(t.trackId(), t.artist(), t.title(), appearances.size(), sets.size(), first, last, t.bpm(),
                k == null ? null : k.toString(), k == null ? null : k.keyName(),
                k == null ? List.of() : k.compatibleKeys().stream().map(CamelotKey::toString).toList(),
                k == null ? null : k.family(), t.enrichmentStatus(), t.completeness(), t.quality());
    }
}
