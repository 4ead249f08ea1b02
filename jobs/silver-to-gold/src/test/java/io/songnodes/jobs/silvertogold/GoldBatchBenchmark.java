package io.songnodes.jobs.silvertogold;

import io.songnodes.analytics.GoldTable;
import io.songnodes.analytics.jdbc.GoldRefresher;
import io.songnodes.music.CamelotKey;
import io.songnodes.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Benchmark (a main, not a test): full batch recompute of gold over a generated silver of 100k tracks
 * and 1M playlist rows (50k sets of 20). Prints the refresher's own phases, then the Flink BATCH job at
 * parallelism 2 end to end. Run with {@code jobs/silver-to-gold/bench.sh [tracks] [rows]}.
 */
public final class GoldBatchBenchmark {
    private static final int ROWS_PER_SET = 20;

    private GoldBatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tracks = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        try (TestDatabase db = TestDatabase.create()) {
            Runtime.getRuntime().addShutdownHook(new Thread(db::close)); // an interrupted run still drops its database
            long g0 = System.nanoTime();
            generate(db, tracks, rows, new SplittableRandom(42));
            System.out.printf("generated silver: %,d tracks, %,d playlist rows, %,d sets in %.1f s%n", tracks, rows, rows / ROWS_PER_SET,
                    (System.nanoTime() - g0) / 1e9);

            try (GoldRefresher refresher = new GoldRefresher(db.jdbcUrl())) {
                for (int run = 1; run <= 2; run++) {
                    long t0 = System.nanoTime();
                    GoldRefresher.Result r = refresher.refreshAll();
                    System.out.printf("refresher run %d: %.1f s (load %.1f s, compute %.1f s, write %.1f s) rows %s%n", run,
                            (System.nanoTime() - t0) / 1e9, r.loadMillis() / 1e3, r.computeMillis() / 1e3, r.writeMillis() / 1e3, summary(r.rowsWritten()));
                }
            }

            incrementalRefreshes(db, 200);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2);
            SilverToGoldConfig cfg = SilverToGoldConfig.parse(new String[] {"--mode", "batch", "--jdbc-url", db.jdbcUrl()}, Map.of());
            new SilverToGoldJob(cfg, null, null, new DiscardingSink<>()).build(env);
            long t0 = System.nanoTime();
            env.execute("silver-to-gold benchmark");
            System.out.printf("BATCH job (Flink local, parallelism 2): full gold recompute in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Streaming cost per event: one track re-enriched (new tempo) and refreshed incrementally, as an event would. */
    private static void incrementalRefreshes(TestDatabase db, int events) throws Exception {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] nanos = new long[events];
        try (GoldRefresher refresher = new GoldRefresher(db.jdbcUrl()); Connection c = db.connect()) {
            for (int i = 0; i < events; i++) {
                String id = "trk_" + (3 + rnd.nextInt(97) + 100 * rnd.nextInt(999)); // last two digits >= 3: identified, as generated
                try (var ps = c.prepareStatement("UPDATE silver.tracks SET bpm = ? WHERE track_id = ?")) {
                    ps.setDouble(1, 90 + rnd.nextDouble() * 80);
                    ps.setString(2, id);
                    ps.executeUpdate();
                }
                long t0 = System.nanoTime();
                refresher.refresh(java.util.List.of(id), java.util.List.of());
                nanos[i] = System.nanoTime() - t0;
            }
            long s0 = System.nanoTime();
            refresher.refreshLayerStats();
            System.out.printf("layer stats refresh (streaming runs it at most once per --stats-interval): %.0f ms%n", (System.nanoTime() - s0) / 1e6);
        }
        java.util.Arrays.sort(nanos);
        System.out.printf("incremental refresh per event (%d events): median %.0f ms, p95 %.0f ms, max %.0f ms%n", events,
                nanos[events / 2] / 1e6, nanos[events * 95 / 100] / 1e6, nanos[events - 1] / 1e6);
    }

    private static String summary(Map<GoldTable, Integer> rows) {
        StringBuilder b = new StringBuilder();
        rows.forEach((t, n) -> b.append(t.tableName()).append('=').append(n).append(' '));
        return b.toString().trim();
    }

    /** Tracks with realistic gaps (5% no tempo, 5% no key, 10% no energy, 3% unidentified); set rows drawn with a skew so pairs repeat. */
    private static void generate(TestDatabase db, int tracks, int rows, SplittableRandom rnd) throws SQLException {
        String[] genres = new String[30];
        for (int i = 0; i < genres.length; i++) genres[i] = "genre " + i;
        try (Connection c = db.connect()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < tracks; i++) {
                boolean unk = i % 100 < 3; // the same rule the set rows use below
                String id = (unk ? "unk_" : "trk_") + i;
                String bpm = rnd.nextInt(100) < 5 ? "\\N" : String.valueOf(90 + rnd.nextDouble() * 80);
                String key = rnd.nextInt(100) < 5 ? "\\N" : CamelotKey.of(rnd.nextInt(12), rnd.nextInt(2)).keyName();
                String energy = rnd.nextInt(100) < 10 ? "\\N" : String.valueOf(rnd.nextDouble());
                String g = "{\"" + genres[rnd.nextInt(30)] + "\",\"" + genres[rnd.nextInt(30)] + "\"}";
                String status = unk ? "unidentified" : bpm.equals("\\N") || key.equals("\\N") ? "partial" : "completed";
                String artist = unk ? "ID" : "Artist " + rnd.nextInt(tracks / 5) + (rnd.nextInt(10) == 0 ? " & Artist " + rnd.nextInt(tracks / 5) : "");
                b.append(id).append('\t').append(artist).append('\t').append("Title ").append(i).append('\t').append(artist.toLowerCase()).append('\t')
                        .append("title ").append(i).append('\t').append(bpm).append('\t').append(key).append('\t').append(energy).append('\t')
                        .append(g).append('\t').append(status).append('\t').append(unk ? "0" : "0.8").append('\n');
            }
            copy(c, "COPY silver.tracks (track_id, artist, title, artist_normalized, title_normalized, bpm, musical_key, energy, genres, "
                    + "enrichment_status, data_quality_score) FROM STDIN", b);
            int sets = rows / ROWS_PER_SET;
            b.setLength(0);
            for (int s = 0; s < sets; s++) {
                b.append("p").append(s).append("\tbench\thttps://example.invalid/set/").append(s).append("\tSet ").append(s).append("\tDJ ")
                        .append(rnd.nextInt(2_000)).append("\t\\N\t").append(2015 + rnd.nextInt(10)).append("-0").append(1 + rnd.nextInt(9))
                        .append("-1").append(rnd.nextInt(10)).append('\n');
            }
            copy(c, "COPY silver.playlists (playlist_id, source, source_url, name, dj, event, played_date) FROM STDIN", b);
            b.setLength(0);
            for (int s = 0; s < sets; s++) {
                int position = 0;
                for (int r = 0; r < ROWS_PER_SET; r++) {
                    if (r == 0 || rnd.nextInt(20) != 0) position++; // about 5% w/ rows share the previous position
                    // squaring skews picks towards low ids: popular tracks, so transitions repeat across sets
                    double u = rnd.nextDouble();
                    int track = (int) (u * u * tracks);
                    String id = (track % 100 < 3 ? "unk_" : "trk_") + track;
                    b.append('p').append(s).append("\tbk").append(s).append('_').append(r).append('\t').append(position).append('\t').append(id).append('\n');
                }
                if (b.length() > 1 << 22) {
                    copy(c, "COPY silver.playlist_tracks (playlist_id, bronze_key, position, track_id) FROM STDIN", b);
                    b.setLength(0);
                }
            }
            copy(c, "COPY silver.playlist_tracks (playlist_id, bronze_key, position, track_id) FROM STDIN", b);
            try (var st = c.createStatement()) {
                st.execute("ANALYZE");
            }
        }
    }

    private static void copy(Connection c, String sql, StringBuilder data) throws SQLException {
        if (data.length() == 0) return;
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        byte[] bytes = data.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        in.endCopy();
    }
}
