package io.songnodes.analytics;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One silver playlist with its rows, ordered by position (missing positions last), then bronze key. */
public record PlaylistFacts(String playlistId, String name, String dj, String event, LocalDate date, List<Entry> entries)
        implements Serializable {

    /** One playlist row: {@code w/} rows share their position with the track they were played with. */
    public record Entry(String bronzeKey, Integer position, String trackId) implements Serializable {}

    private static final Comparator<Entry> ORDER = Comparator
            .comparing(Entry::position, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Entry::bronzeKey);

    public PlaylistFacts {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        entries = List.copyOf(sorted);
    }

    /** Rows grouped by position, in position order; rows without a position are left out. */
    public TreeMap<Integer, List<Entry>> byPosition() {
        TreeMap<Integer, List<Entry>> groups = new TreeMap<>();
        for (Entry e : entries) if (e.position() != null) groups.computeIfAbsent(e.position(), p -> new ArrayList<>()).add(e);
        return groups;
    }

    /** Distinct track ids of the rows, sorted. */
    public List<String> trackIds() {
        return entries.stream().map(Entry::trackId).distinct().sorted().toList();
    }

    static <K, V> V get(Map<K, V> map, K key) { return key == null ? null : map.get(key); }
}
