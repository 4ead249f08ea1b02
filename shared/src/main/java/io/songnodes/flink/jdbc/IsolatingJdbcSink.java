package io.songnodes.flink.jdbc;

import io.songnodes.amqp.AmqpSettings;
import io.songnodes.flink.rabbit.Outbound;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * At-least-once JDBC upserts where no row can stop the job: a row the database refuses for its data goes to the
 * DLQ ({@code error_type=sink}) through the confirmed RabbitMQ writer, and the rest commit. Messages that announce
 * rows (silver events) are published only after the rows are committed. Rows commit every {@code batchSize} rows,
 * every {@code batchIntervalMs}, and at every checkpoint, which also waits for the broker's confirms.
 */
public final class IsolatingJdbcSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

    /** The dead letter of a refused row, given the refusal's reason. */
    public interface DeadLetterOf<T> extends Serializable { Outbound of(T row, String reason); }

    /** What to publish once a row is committed (nothing, for most tables). */
    public interface AfterCommit<T> extends Serializable { List<Outbound> of(T row); }

    private final String jdbcUrl;
    private final List<RowStatement<T>> statements;
    private final AmqpSettings amqp;
    private final List<String> declareQueues;
    private final List<String> declareExchanges;
    private final DeadLetterOf<T> deadLetterOf;
    private final AfterCommit<T> afterCommit;
    private final int batchSize;
    private final long batchIntervalMs;
    private final int maxRetries;
    private final boolean immutableRows;

    public IsolatingJdbcSink(String jdbcUrl, List<RowStatement<T>> statements, AmqpSettings amqp, List<String> declareQueues,
                             List<String> declareExchanges, DeadLetterOf<T> deadLetterOf, AfterCommit<T> afterCommit) {
        this(jdbcUrl, statements, amqp, declareQueues, declareExchanges, deadLetterOf, afterCommit, 500, 200, 3);
    }

    public IsolatingJdbcSink(String jdbcUrl, List<RowStatement<T>> statements, AmqpSettings amqp, List<String> declareQueues,
                             List<String> declareExchanges, DeadLetterOf<T> deadLetterOf, AfterCommit<T> afterCommit,
                             int batchSize, long batchIntervalMs, int maxRetries) {
        this(jdbcUrl, statements, amqp, declareQueues, declareExchanges, deadLetterOf, afterCommit, batchSize, batchIntervalMs,
                maxRetries, false);
    }

    private IsolatingJdbcSink(String jdbcUrl, List<RowStatement<T>> statements, AmqpSettings amqp, List<String> declareQueues,
                              List<String> declareExchanges, DeadLetterOf<T> deadLetterOf, AfterCommit<T> afterCommit,
                              int batchSize, long batchIntervalMs, int maxRetries, boolean immutableRows) {
        this.jdbcUrl = jdbcUrl;
        this.statements = List.copyOf(statements);
        this.amqp = amqp;
        this.declareQueues = List.copyOf(declareQueues);
        this.declareExchanges = List.copyOf(declareExchanges);
        this.deadLetterOf = deadLetterOf;
        this.afterCommit = afterCommit;
        this.batchSize = batchSize;
        this.batchIntervalMs = batchIntervalMs;
        this.maxRetries = maxRetries;
        this.immutableRows = immutableRows;
    }

    /**
     * The same sink for rows nobody changes once emitted (immutable records): with object reuse on, the writer then
     * buffers the rows it is given instead of a copy of each.
     */
    public IsolatingJdbcSink<T> withImmutableRows() {
        return new IsolatingJdbcSink<>(jdbcUrl, statements, amqp, declareQueues, declareExchanges, deadLetterOf, afterCommit,
                batchSize, batchIntervalMs, maxRetries, true);
    }

    @Override
    @Deprecated
    public SinkWriter<T> createWriter(InitContext context) {
        throw new UnsupportedOperationException("Flink 1.20 calls createWriter(WriterInitContext)");
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new IsolatingJdbcSinkWriter<>(context, new IsolatingJdbcWriter<>(jdbcUrl, statements, maxRetries),
                amqp, declareQueues, declareExchanges, deadLetterOf, afterCommit, batchSize, batchIntervalMs, !immutableRows);
    }
}
