package io.songnodes.flink.jdbc;

import java.io.Serializable;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * One upsert a row of type {@code T} may need: the rows it applies to, the key its batch is sorted by (every
 * transaction then locks rows in the same order, so two subtasks cannot deadlock), and how to bind it.
 */
public record RowStatement<T>(String table, String sql, Applies<T> applies, Order<T> order, JdbcStatementBuilder<T> binder)
        implements Serializable {
    /** Whether the statement applies to a row. */
    public interface Applies<T> extends Predicate<T>, Serializable {}

    /** The row's key in the statement's table. */
    public interface Order<T> extends Function<T, String>, Serializable {}

    public static <T> RowStatement<T> always(String table, String sql, Order<T> order, JdbcStatementBuilder<T> binder) {
        return new RowStatement<>(table, sql, t -> true, order, binder);
    }
}
