package io.songnodes.flink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.testing.TestDatabase;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row isolation against the real PostgreSQL: refused rows are named with their SQLState, good rows commit, outages throw. */
class IsolatingJdbcWriterITCase {
    record Row(String id, String value, Instant at) {}

    private static final List<RowStatement<Row>> STATEMENTS = List.of(RowStatement.always("t.rows",
            "INSERT INTO t.rows (id, value, at) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value",
            Row::id, (ps, r) -> {
                ps.setString(1, r.id());
                ps.setString(2, r.value());
                ps.setTimestamp(3, Timestamp.from(r.at()));
            }));

    private static TestDatabase db() {
        TestDatabase db = TestDatabase.create();
        db.execute("CREATE SCHEMA t; CREATE TABLE t.rows (id text PRIMARY KEY, value text CHECK (length(value) < 20), at timestamptz)");
        return db;
    }

    @Test
    void rowsRefusedForTheirDataAreIsolatedAndTheRestCommit() throws Exception {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        byte[] noise = new byte[6_000];
        new SecureRandom().nextBytes(noise);
        List<Row> rows = List.of(
                new Row("a", "good", now),
                new Row("b", "nul\u0000here", now),                       // 22021: PostgreSQL text cannot hold NUL
                new Row("c", "x".repeat(30), now),                         // 23514: check constraint
                new Row(HexFormat.of().formatHex(noise), "big key", now),  // 54000: index row too large
                new Row("d", "far future", Instant.MAX),                   // 22008: beyond PostgreSQL's timestamp range
                new Row("e", "also good", now));
        try (TestDatabase db = db(); IsolatingJdbcWriter<Row> w = new IsolatingJdbcWriter<>(db.jdbcUrl(), STATEMENTS, 2)) {
            IsolatingJdbcWriter.Result<Row> r = w.write(rows);
            assertThat(r.committed()).extracting(Row::id).containsExactly("a", "e");
            assertThat(r.refused()).hasSize(4);
            assertThat(r.refused().get(0).reason()).startsWith("sink: table t.rows refused the row: SQLState 22021");
            assertThat(r.refused().get(1).reason()).startsWith("sink: table t.rows refused the row: SQLState 23514");
            assertThat(r.refused().get(2).reason()).startsWith("sink: table t.rows refused the row: SQLState 54000");
            assertThat(r.refused().get(3).reason()).startsWith("sink: table t.rows refused the row: SQLState 22008");
            assertThat(db.queryLong("SELECT count(*) FROM t.rows")).isEqualTo(2);
            // the reason is bounded and clean whatever the message quoted
            for (var f : r.refused()) assertThat(f.reason()).doesNotContain("\u0000").hasSizeLessThan(600);
        }
    }

    @Test
    void aTerminatedBackendIsReconnectedAndLosesNothing() throws Exception {
        try (TestDatabase db = db(); IsolatingJdbcWriter<Row> w = new IsolatingJdbcWriter<>(db.jdbcUrl(), STATEMENTS, 2)) {
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            w.write(List.of(new Row("a", "1", now)));
            String dbName = db.jdbcUrl().replaceAll(".*/([^/?]+)\\?.*", "$1");
            assertThat(db.queryLong("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + dbName + "' AND pid <> pg_backend_pid()) t")).isPositive();
            IsolatingJdbcWriter.Result<Row> r = w.write(List.of(new Row("b", "2", now), new Row("c", "3", now)));
            assertThat(r.committed()).hasSize(2);
            assertThat(r.refused()).isEmpty();
            assertThat(db.queryLong("SELECT count(*) FROM t.rows")).isEqualTo(3);
        }
    }

    @Test
    void anUnreachableDatabaseThrowsInsteadOfDroppingRows() {
        String closed = "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2";
        try (IsolatingJdbcWriter<Row> w = new IsolatingJdbcWriter<>(closed, STATEMENTS, 1)) {
            assertThatThrownBy(() -> w.write(List.of(new Row("a", "1", Instant.EPOCH))))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(IsolatingJdbcWriter.isDataError(e)).isFalse());
        }
    }
}
