package io.songnodes.flink.jdbc;

import io.songnodes.amqp.AmqpSettings;
import io.songnodes.flink.rabbit.ConfirmedRabbitSink;
import io.songnodes.flink.rabbit.Outbound;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/** The task-side writer of {@link IsolatingJdbcSink}; the interval timer runs in the task's mailbox, never concurrently. */
final class IsolatingJdbcSinkWriter<T> implements SinkWriter<T> {
    private final IsolatingJdbcWriter<T> jdbc;
    private final SinkWriter<Outbound> publisher;
    private final IsolatingJdbcSink.DeadLetterOf<T> deadLetterOf;
    private final IsolatingJdbcSink.AfterCommit<T> afterCommit;
    private final int batchSize;
    private final long batchIntervalMs;
    private final ProcessingTimeService time;
    private final TypeSerializer<T> copier;
    private final List<T> buffer = new ArrayList<>();
    private boolean timerSet;

    IsolatingJdbcSinkWriter(WriterInitContext context, IsolatingJdbcWriter<T> jdbc, AmqpSettings amqp, List<String> queues,
                            List<String> exchanges, IsolatingJdbcSink.DeadLetterOf<T> deadLetterOf,
                            IsolatingJdbcSink.AfterCommit<T> afterCommit, int batchSize, long batchIntervalMs, boolean copyRows)
            throws IOException {
        this.jdbc = jdbc;
        this.publisher = ConfirmedRabbitSink.openWriter(amqp, queues, exchanges, context.metricGroup());
        this.deadLetterOf = deadLetterOf;
        this.afterCommit = afterCommit;
        this.batchSize = batchSize;
        this.batchIntervalMs = batchIntervalMs;
        this.time = context.getProcessingTimeService();
        // with object reuse a buffered row could be changed under us, unless rows are immutable
        this.copier = copyRows && context.isObjectReuseEnabled() ? context.createInputSerializer() : null;
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        buffer.add(copier == null ? row : copier.copy(row));
        if (buffer.size() >= batchSize) {
            commit();
        } else if (!timerSet) {
            timerSet = true;
            time.registerTimer(time.getCurrentProcessingTime() + batchIntervalMs, t -> {
                timerSet = false;
                commit();
            });
        }
    }

    /** Commits the buffer, then publishes the refusals and the after-commit messages (confirmed at the next flush). */
    private void commit() throws IOException, InterruptedException {
        if (buffer.isEmpty()) return;
        IsolatingJdbcWriter.Result<T> r;
        try {
            r = jdbc.write(buffer);
        } catch (SQLException e) {
            throw new IOException("PostgreSQL write failed after retries (SQLState " + e.getSQLState() + ")", e);
        }
        buffer.clear();
        for (IsolatingJdbcWriter.Refused<T> f : r.refused()) publisher.write(deadLetterOf.of(f.row(), f.reason()), null);
        if (afterCommit != null) {
            for (T row : r.committed()) for (Outbound o : afterCommit.of(row)) publisher.write(o, null);
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        commit();
        publisher.flush(endOfInput);
    }

    @Override
    public void close() throws Exception {
        try {
            jdbc.close();
        } finally {
            publisher.close();
        }
    }
}
