package io.songnodes.analytics.jdbc;

import io.songnodes.analytics.GoldCalculator;
import io.songnodes.analytics.GoldRow;
import io.songnodes.analytics.GoldScope;
import io.songnodes.analytics.GoldTable;
import io.songnodes.analytics.PlaylistFacts;
import io.songnodes.analytics.Recommender;
import io.songnodes.analytics.SilverSnapshot;
import io.songnodes.analytics.TrackFacts;
import io.songnodes.analytics.Transitions;
import io.songnodes.music.CamelotKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Recomputes gold from silver in PostgreSQL: everything ({@link #refreshAll}) or only the rows a silver
 * change can affect ({@link #refresh}). Both run the same {@link GoldCalculator}, in one transaction that
 * holds a PostgreSQL advisory lock, so concurrent refreshes (two subtasks, or a batch run beside the
 * streaming job) cannot interleave and write stale rows. Every write replaces rows by key, so a repeated
 * refresh changes nothing.
 */
public final class GoldRefresher implements AutoCloseable {
    /** Advisory lock key shared by every writer of gold. */
    public static final long GOLD_LOCK = 0x536f6e674e6f6465L; // "SongNode"

    private final String jdbcUrl;
    private Connection connection;

    public GoldRefresher(String jdbcUrl) { this.jdbcUrl = jdbcUrl; }

    /**
     * What a refresh wrote: rows per gold table, and phase times; a full refresh also returns the layer
     * statistics after it and silver's newest change (an incremental one returns an empty list and null).
     */
    public record Result(Map<GoldTable, Integer> rowsWritten, List<LayerStat> layerStats, Instant latestSilverChange,
                         long loadMillis, long computeMillis, long writeMillis) {
        public int totalRows() { return rowsWritten.values().stream().mapToInt(Integer::intValue).sum(); }
    }

    /** Recomputes every gold table from all of silver. */
    public Result refreshAll() throws SQLException {
        return inTransaction(c -> {
            long t0 = System.nanoTime();
            SilverReader silver = new SilverReader(c);
            SilverSnapshot snapshot = new SilverSnapshot(silver.allTracks(), silver.allPlaylists());
            return write(c, GoldScope.everything(), snapshot, t0);
        });
    }

    /** Recomputes {@code gold.layer_stats} (row counts, quality, completeness of every layer) and returns it. */
    public List<LayerStat> refreshLayerStats() throws SQLException {
        return inTransaction(c -> new Result(Map.of(), new GoldStore(c).refreshLayerStats(), null, 0, 0, 0)).layerStats();
    }

    /**
     * Recomputes the gold rows that depend on the given tracks and sets (not the layer statistics:
     * call {@link #refreshLayerStats} for those, at most every few seconds): their analytics, every set
     * playing the tracks, transitions leaving the tracks, the sets' members or their predecessors,
     * the artists credited before or after, and the recommendation lists the tracks were or can be in.
     */
    public Result refresh(Collection<String> trackIds, Collection<String> playlistIds) throws SQLException {
        return inTransaction(c -> {
            long t0 = System.nanoTime();
            SilverReader silver = new SilverReader(c);
            GoldStore gold = new GoldStore(c);
            Set<String> changedTracks = new TreeSet<>(trackIds);
            Set<String> sets = new TreeSet<>(playlistIds);
            sets.addAll(silver.playlistIdsPlaying(changedTracks));

            Loaded loaded = new Loaded();
            loaded.addPlaylists(silver.playlistsById(sets));
            Set<String> tracks = new TreeSet<>(changedTracks);
            for (String p : playlistIds) {
                PlaylistFacts set = loaded.playlists.get(p);
                if (set != null) tracks.addAll(set.trackIds());
            }
            tracks.addAll(gold.formerMembers(playlistIds));
            loaded.addTracks(silver.tracksById(loaded.missingTracks(tracks)));

            Set<String> sources = new TreeSet<>(tracks);
            sources.addAll(gold.formerPredecessors(changedTracks));
            for (PlaylistFacts set : loaded.playlists.values()) {
                for (Transitions.Occurrence o : Transitions.of(set, loaded.tracks)) {
                    if (changedTracks.contains(o.toTrackId())) sources.add(o.fromTrackId());
                }
            }

            Set<String> artists = new TreeSet<>(gold.formerArtists(tracks, sets));
            for (String t : tracks) if (loaded.tracks.get(t) != null && loaded.tracks.get(t).identified()) artists.addAll(loaded.tracks.get(t).creditedArtists());
            for (String p : sets) if (loaded.playlists.get(p) != null) artists.addAll(SilverSnapshot.djArtists(loaded.playlists.get(p).dj()));
            Set<String> artistTracks = gold.creditedRefs(artists, "track");
            Set<String> artistSets = gold.creditedRefs(artists, "dj");

            Set<String> needPlays = new TreeSet<>(sources);
            needPlays.addAll(artistTracks);
            Set<String> moreSets = new TreeSet<>(silver.playlistIdsPlaying(needPlays));
            moreSets.addAll(artistSets);
            moreSets.removeAll(loaded.playlists.keySet());
            loaded.addPlaylists(silver.playlistsById(moreSets));
            needPlays.addAll(changedTracks);
            loaded.addTracks(silver.tracksById(loaded.missingTracks(needPlays)));

            Set<String> recommenders = recommendationScope(silver, gold, loaded, changedTracks);
            GoldScope scope = new GoldScope(false, tracks, sets, sources, artists, recommenders);
            SilverSnapshot snapshot = new SilverSnapshot(loaded.tracks.values(), loaded.playlists.values(), loaded.band.values());
            return write(c, scope, snapshot, t0);
        });
    }

    /**
     * The tracks whose top-N may change: the changed tracks, those that recommended them, and those whose
     * list a changed track can now enter (compatible key, within the BPM window, and scoring at least the
     * list's current 10th entry in gold, or the list is not full). A list that held no changed track can
     * only change by one entering it, so this is complete. Then loads every track in the tempo windows of
     * all of them, so each recomputed list sees all its candidates.
     */
    private static Set<String> recommendationScope(SilverReader silver, GoldStore gold, Loaded loaded, Set<String> changed) throws SQLException {
        Set<String> scope = new TreeSet<>(changed);
        scope.addAll(gold.formerRecommenders(changed));
        List<double[]> windows = new ArrayList<>();
        for (String id : changed) {
            TrackFacts t = loaded.tracks.get(id);
            if (t != null && Recommender.eligible(t)) windows.add(window(t));
        }
        loadBpmRanges(silver, loaded, windows);
        Map<String, TrackFacts> candidates = new HashMap<>();
        for (String id : changed) {
            TrackFacts x = loaded.tracks.get(id);
            if (x == null || !Recommender.eligible(x)) continue;
            Set<CamelotKey> keys = Set.copyOf(x.camelot().compatibleKeys());
            for (TrackFacts y : loaded.pool()) {
                if (!y.trackId().equals(x.trackId()) && Recommender.eligible(y) && keys.contains(y.camelot())
                        && Math.abs(y.bpm() - x.bpm()) <= Recommender.BPM_WINDOW) candidates.put(y.trackId(), y);
            }
        }
        Map<String, Double> tenth = gold.lastRecommendationScores(candidates.keySet(), Recommender.TOP_N);
        for (TrackFacts y : candidates.values()) {
            Double bar = tenth.get(y.trackId());
            for (String id : changed) {
                TrackFacts x = loaded.tracks.get(id);
                if (x == null || !Recommender.eligible(x) || !x.camelot().compatibleKeys().contains(y.camelot())
                        || Math.abs(y.bpm() - x.bpm()) > Recommender.BPM_WINDOW) continue;
                if (bar == null || Transitions.quality(y, x) >= bar) scope.add(y.trackId());
            }
        }
        loaded.addBand(silver.tracksById(loaded.missingFromPool(scope)));
        windows.clear();
        for (String id : scope) {
            TrackFacts t = loaded.tracks.containsKey(id) ? loaded.tracks.get(id) : loaded.band.get(id);
            if (t != null && Recommender.eligible(t)) windows.add(window(t));
        }
        loadBpmRanges(silver, loaded, windows);
        return scope;
    }

    private static double[] window(TrackFacts t) {
        return new double[] {t.bpm() - Recommender.BPM_WINDOW, t.bpm() + Recommender.BPM_WINDOW};
    }

    /** Loads every track whose tempo lies in one of {@code ranges}, one query per merged range. */
    private static void loadBpmRanges(SilverReader silver, Loaded loaded, List<double[]> ranges) throws SQLException {
        ranges.sort((a, b) -> Double.compare(a[0], b[0]));
        double[] cur = null;
        for (double[] r : ranges) {
            if (cur != null && r[0] <= cur[1]) {
                cur[1] = Math.max(cur[1], r[1]);
                continue;
            }
            if (cur != null) loaded.addBand(silver.tracksInBpm(cur[0], cur[1]));
            cur = r.clone();
        }
        if (cur != null) loaded.addBand(silver.tracksInBpm(cur[0], cur[1]));
    }

    /** Silver rows loaded so far, by key; {@code band} holds tracks loaded only as recommendation candidates. */
    private static final class Loaded {
        final Map<String, TrackFacts> tracks = new HashMap<>();
        final Map<String, TrackFacts> band = new HashMap<>();
        final Map<String, PlaylistFacts> playlists = new HashMap<>();

        void addTracks(Collection<TrackFacts> ts) { for (TrackFacts t : ts) tracks.put(t.trackId(), t); }

        void addBand(Collection<TrackFacts> ts) { for (TrackFacts t : ts) if (!tracks.containsKey(t.trackId())) band.put(t.trackId(), t); }

        List<TrackFacts> pool() {
            List<TrackFacts> all = new ArrayList<>(tracks.values());
            for (TrackFacts t : band.values()) if (!tracks.containsKey(t.trackId())) all.add(t);
            return all;
        }

        Set<String> missingFromPool(Collection<String> wanted) {
            Set<String> out = new LinkedHashSet<>(wanted);
            out.removeAll(tracks.keySet());
            out.removeAll(band.keySet());
            return out;
        }

        void addPlaylists(Collection<PlaylistFacts> ps) {
            for (PlaylistFacts p : ps) playlists.put(p.playlistId(), p);
        }

        /** Tracks of every loaded set plus {@code wanted}, minus those already loaded. */
        Set<String> missingTracks(Collection<String> wanted) {
            Set<String> out = new LinkedHashSet<>(wanted);
            for (PlaylistFacts p : playlists.values()) for (PlaylistFacts.Entry e : p.entries()) out.add(e.trackId());
            out.removeAll(tracks.keySet());
            return out;
        }
    }

    private static Result write(Connection c, GoldScope scope, SilverSnapshot snapshot, long startNanos) throws SQLException {
        long loaded = System.nanoTime();
        Map<GoldTable, List<GoldRow>> rows = GoldCalculator.compute(snapshot, scope);
        long computed = System.nanoTime();
        GoldStore gold = new GoldStore(c);
        gold.replace(scope, rows);
        Map<GoldTable, Integer> written = new EnumMap<>(GoldTable.class);
        rows.forEach((t, r) -> written.put(t, r.size()));
        // counting every layer scans millions of rows: a full refresh does it, an incremental one leaves it to refreshLayerStats
        List<LayerStat> stats = scope.all() ? gold.refreshLayerStats() : List.of();
        Instant latest = scope.all() ? gold.latestSilverChange() : null;
        long done = System.nanoTime();
        return new Result(written, stats, latest, (loaded - startNanos) / 1_000_000, (computed - loaded) / 1_000_000, (done - computed) / 1_000_000);
    }

    private interface Work { Result run(Connection c) throws SQLException; }

    private Result inTransaction(Work work) throws SQLException {
        Connection c = connection();
        try {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, GOLD_LOCK);
                lock.execute();
            }
            Result r = work.run(c);
            c.commit();
            return r;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
                closeQuietly();
            }
            throw e;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(jdbcUrl);
            connection.setAutoCommit(false);
        }
        return connection;
    }

    private void closeQuietly() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // the connection is being discarded after a failed rollback
        } finally {
            connection = null;
        }
    }

    @Override public void close() throws SQLException {
        if (connection != null) connection.close();
        connection = null;
    }
}
