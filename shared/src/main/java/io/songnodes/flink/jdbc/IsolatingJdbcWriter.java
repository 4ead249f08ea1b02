package io.songnodes.flink.jdbc;

import io.songnodes.bronze.InputText;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes batches of rows, each batch in one transaction, and isolates the rows the database refuses for their
 * data: when a batch fails with SQLState class 22 (data exception), 23 (integrity constraint) or 54 (program
 * limit, such as an index row too large), it is retried row by row; the good rows commit and each refused row is
 * returned with its SQLState and message. Any other error (a lost connection, a terminated backend) is retried
 * on a new connection, then thrown, so the job fails over and replays from its checkpoint: nothing is lost.
 * Flink-free, so it is tested against PostgreSQL directly.
 */
public final class IsolatingJdbcWriter<T> implements AutoCloseable {
    /** A row the database refused, and why. */
    public record Refused<T>(T row, String reason) {}

    /** What one write did: the rows committed and the rows refused. */
    public record Result<T>(List<T> committed, List<Refused<T>> refused) {}

    private final String jdbcUrl;
    private final List<RowStatement<T>> statements;
    private final int maxRetries;
    private Connection connection;

    public IsolatingJdbcWriter(String jdbcUrl, List<RowStatement<T>> statements, int maxRetries) {
        this.jdbcUrl = jdbcUrl;
        this.statements = List.copyOf(statements);
        this.maxRetries = maxRetries;
    }

    /** Writes {@code rows}; throws only for errors that are not the rows' fault, after {@code maxRetries} new connections. */
    public Result<T> write(List<T> rows) throws SQLException {
        if (rows.isEmpty()) return new Result<>(List.of(), List.of());
        SQLException last = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            try {
                return attempt(rows);
            } catch (AssertionError e) {
                // pgjdbc asserts its connection is alive while it reads a batch result (seen with -ea after
                // pg_terminate_backend): the connection is lost, which is not the rows' fault
                last = new SQLException("connection lost: " + e.getMessage(), "08006", e);
                closeQuietly();
            } catch (SQLException e) {
                if (isDataError(e)) throw e; // attempt() isolates data errors; one escaping here is a bug, not the rows
                last = e;
                closeQuietly();
            }
        }
        throw last;
    }

    private Result<T> attempt(List<T> rows) throws SQLException {
        Connection c = connection();
        try {
            execute(c, rows);
            c.commit();
            return new Result<>(List.copyOf(rows), List.of());
        } catch (SQLException | RuntimeException e) {
            rollback(c);
            if (!isDataError(e)) throw asSql(e);
        }
        List<T> committed = new ArrayList<>();
        List<Refused<T>> refused = new ArrayList<>();
        for (T row : rows) {
            try {
                execute(c, List.of(row));
                c.commit();
                committed.add(row);
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                if (!isDataError(e)) throw asSql(e);
                refused.add(new Refused<>(row, reason(e)));
            }
        }
        return new Result<>(committed, refused);
    }

    private void execute(Connection c, List<T> rows) throws SQLException {
        for (RowStatement<T> s : statements) {
            List<T> applicable = new ArrayList<>();
            for (T r : rows) if (s.applies().test(r)) applicable.add(r);
            if (applicable.isEmpty()) continue;
            applicable.sort(Comparator.comparing(s.order(), Comparator.nullsFirst(Comparator.naturalOrder())));
            try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                for (T r : applicable) {
                    try {
                        s.binder().accept(ps, r);
                    } catch (RuntimeException e) {
                        // a value that cannot even be bound (an instant beyond Timestamp's range) is the row's fault
                        throw new BindException(s.table(), e);
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw new TableException(s.table(), e);
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(jdbcUrl);
            connection.setAutoCommit(false);
        }
        return connection;
    }

    /** SQLState classes 22, 23 and 54, anywhere in the chain, or a value that could not be bound. */
    public static boolean isDataError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) return true;
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    String state = n.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"))) return true;
                    if (n.getNextException() == n) break;
                }
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** "sink: table silver.tracks refused the row: SQLState 22021: invalid byte sequence ...", bounded. */
    static String reason(Throwable e) {
        String table = e instanceof TableException te ? te.table : e instanceof BindException be ? be.table : "?";
        String state = null;
        String message = null;
        for (Throwable t = e; t != null && state == null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null && state == null; n = n.getNextException()) {
                    if (n.getSQLState() != null) { state = n.getSQLState(); message = n.getMessage(); }
                    if (n.getNextException() == n) break;
                }
            }
            if (t.getCause() == t) break;
        }
        if (state == null) {
            Throwable root = e instanceof BindException ? e.getCause() : e;
            message = root.getClass().getSimpleName() + ": " + root.getMessage();
            state = "bind";
        }
        String m = InputText.clean(String.valueOf(message), 400);
        return "sink: table " + table + " refused the row: SQLState " + state + ": " + (m == null ? "" : m);
    }

    private static SQLException asSql(Exception e) {
        return e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the next attempt opens a new one
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) connection.close();
        } catch (SQLException ignored) {
            // already broken
        }
        connection = null;
    }

    @Override
    public void close() { closeQuietly(); }

    /** Names the table of a failed batch. */
    private static final class TableException extends SQLException {
        final String table;
        TableException(String table, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.table = table;
            setNextException(cause.getNextException());
        }
    }

    /** A value the driver could not bind. */
    private static final class BindException extends RuntimeException {
        final String table;
        BindException(String table, RuntimeException cause) { super(cause.getMessage(), cause); this.table = table; }
    }
}
