package io.songnodes.jobs.silvertogold;

import io.songnodes.amqp.AmqpHeaders;
import io.songnodes.analytics.jdbc.GoldRefresher;
import io.songnodes.flink.jdbc.IsolatingJdbcWriter;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.logs.LogContext;
import io.songnodes.model.ErrorType;
import java.sql.SQLException;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.songnodes.analytics.jdbc.LayerStat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Thin Flink wrapper over {@link GoldRefresher}: applies each request in its own transaction and records
 * the silver-to-gold lag; emits the number of gold rows written. The refresh is synchronous, so when a
 * checkpoint barrier passes, every event before it is in gold and RMQSource may ack it.
 * Layer statistics scan every layer, so after events they are refreshed at most once per
 * {@code statsInterval}: inline when the last refresh is older, else by a processing-time timer, so the
 * last event is always followed by fresh statistics. Timers are keyed by the rounded time, so one
 * interval costs one refresh whatever the number of keys.
 */
public final class GoldRefreshFunction extends KeyedProcessFunction<String, RefreshRequest, Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(GoldRefreshFunction.class);
    /** Events whose refresh PostgreSQL refused because of their data: dead letters, and the job goes on. */
    public static final OutputTag<Outbound> REFUSED = new OutputTag<>("refused-gold-refreshes") {};
    private final String jdbcUrl;
    private final long statsIntervalMs;
    private final EventDeadLetters deadLetters;
    private transient GoldRefresher refresher;
    private transient GoldMetrics metrics;
    private transient long lastEventMs;
    private transient long lastStatsMs;

    /** {@code deadLetters} builds the envelopes of refused refreshes (null in batch mode, where a refusal fails the run). */
    public GoldRefreshFunction(String jdbcUrl, Duration statsInterval, EventDeadLetters deadLetters) {
        this.jdbcUrl = jdbcUrl;
        this.statsIntervalMs = statsInterval.toMillis();
        this.deadLetters = deadLetters;
    }

    public GoldRefreshFunction(String jdbcUrl, Duration statsInterval) { this(jdbcUrl, statsInterval, null); }

    @Override public void open(OpenContext ctx) {
        refresher = new GoldRefresher(jdbcUrl);
        metrics = new GoldMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override public void processElement(RefreshRequest r, Context ctx, Collector<Integer> out) throws Exception {
        GoldRefresher.Result result;
        try {
            result = r.all() ? refresher.refreshAll() : refresher.refresh(r.trackIds(), r.playlists());
        } catch (SQLException e) {
            // the refresher rolled back; only a refusal caused by the event's data may skip it, anything else fails over
            if (r.all() || deadLetters == null || !IsolatingJdbcWriter.isDataError(e)) throw e;
            String reason = "gold refresh refused by PostgreSQL: SQLState " + e.getSQLState() + ": " + AmqpHeaders.truncate(e.getMessage());
            try (LogContext c = LogContext.of(LogContext.JOB, "silver-to-gold", LogContext.ERROR_TYPE, ErrorType.SINK.wireName())) {
                LOG.warn("silver event dead-lettered: {}", reason);
            }
            ctx.output(REFUSED, deadLetters.of(ErrorType.SINK, reason, "gold", r.payload()));
            return;
        }
        Instant changed = r.changedAt() != null ? r.changedAt() : result.latestSilverChange();
        if (changed != null) metrics.lag(Duration.between(changed, Instant.now()));
        long now = ctx.timerService().currentProcessingTime();
        lastEventMs = now;
        if (r.all()) {
            metrics.update(result.layerStats());
            lastStatsMs = now;
        } else if (now - lastStatsMs >= statsIntervalMs) {
            refreshStats(now);
        } else {
            ctx.timerService().registerProcessingTimeTimer((now / statsIntervalMs + 1) * statsIntervalMs);
        }
        out.collect(result.totalRows());
    }

    @Override public void onTimer(long timestamp, OnTimerContext ctx, Collector<Integer> out) throws Exception {
        if (lastStatsMs <= lastEventMs) refreshStats(ctx.timerService().currentProcessingTime());
    }

    private void refreshStats(long now) throws Exception {
        List<LayerStat> stats = refresher.refreshLayerStats();
        metrics.update(stats);
        lastStatsMs = Math.max(now, lastEventMs + 1);
    }

    @Override public void close() throws Exception {
        if (refresher != null) refresher.close();
    }
}
