package io.songnodes.analytics;

import io.songnodes.music.CamelotKey;
import io.songnodes.music.Harmony;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The transition graph of DJ sets. Rules, chosen because silver does not keep the order of rows that
 * share a position:
 * <ul>
 *   <li>a transition links position N to position N+1 only; a gap in the numbering (N, then N+2) or a
 *       row without a position breaks the chain, because we do not know what was played in between;</li>
 *   <li>{@code w/} rows share a position and were played together, so every identified track at N links
 *       to every identified track at N+1 (order-independent, so the result cannot depend on row order);</li>
 *   <li>unidentified tracks and tracks missing from silver link nothing, and nothing is bridged over them;</li>
 *   <li>a track never links to itself (self-loops are dropped).</li>
 * </ul>
 */
public final class Transitions {
    private Transitions() {}

    /** One played transition: a pair of tracks at consecutive positions of one set. */
    public record Occurrence(String fromTrackId, String toTrackId, String playlistId, LocalDate date) {}

    /** The transitions of one set, in position order and, within a position pair, by track ids. */
    public static List<Occurrence> of(PlaylistFacts set, Map<String, TrackFacts> tracks) {
        List<Occurrence> out = new ArrayList<>();
        TreeMap<Integer, List<PlaylistFacts.Entry>> groups = set.byPosition();
        for (Map.Entry<Integer, List<PlaylistFacts.Entry>> g : groups.entrySet()) {
            List<PlaylistFacts.Entry> next = groups.get(g.getKey() + 1);
            if (next == null) continue;
            for (String from : identified(g.getValue(), tracks)) {
                for (String to : identified(next, tracks)) {
                    if (!from.equals(to)) out.add(new Occurrence(from, to, set.playlistId(), set.date()));
                }
            }
        }
        return out;
    }

    private static TreeSet<String> identified(List<PlaylistFacts.Entry> group, Map<String, TrackFacts> tracks) {
        TreeSet<String> ids = new TreeSet<>();
        for (PlaylistFacts.Entry e : group) {
            TrackFacts t = tracks.get(e.trackId());
            if (t != null && t.identified()) ids.add(t.trackId());
        }
        return ids;
    }

    /** Transition quality of playing {@code to} after {@code from} (see {@link Harmony#transitionQuality}). */
    public static double quality(TrackFacts from, TrackFacts to) {
        return Harmony.transitionQuality(from.bpm(), from.camelot(), from.energy(), to.bpm(), to.camelot(), to.energy());
    }

    /** Aggregates every occurrence of one pair, across sets, into its gold row. */
    public static Rows.Transition aggregate(TrackFacts from, TrackFacts to, List<Occurrence> occurrences) {
        TreeSet<String> sets = new TreeSet<>();
        LocalDate first = null;
        LocalDate last = null;
        for (Occurrence o : occurrences) {
            sets.add(o.playlistId());
            if (o.date() != null) {
                if (first == null || o.date().isBefore(first)) first = o.date();
                if (last == null || o.date().isAfter(last)) last = o.date();
            }
        }
        CamelotKey fk = from.camelot();
        CamelotKey tk = to.camelot();
        Double bpmDelta = from.bpm() == null || to.bpm() == null ? null : to.bpm() - from.bpm();
        Double energyDelta = from.energy() == null || to.energy() == null ? null : to.energy() - from.energy();
        return new Rows.Transition(from.trackId(), to.trackId(), sets.size(), occurrences.size(), first, last,
                List.copyOf(sets), fk == null ? null : fk.toString(), tk == null ? null : tk.toString(), bpmDelta, energyDelta,
                fk == null || tk == null ? null : fk.distance(tk), Harmony.keyFactor(fk, tk), quality(from, to));
    }
}
