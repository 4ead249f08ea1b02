package io.songnodes.jobs.silvertogold;

import io.songnodes.analytics.jdbc.GoldRefresher;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Thin Flink wrapper over {@link GoldRefresher}: applies each request in its own transaction, then
 * updates the medallion gauges and the silver-to-gold lag; emits the number of gold rows written. The refresh is synchronous, so when a
 * checkpoint barrier passes, every event before it is in gold and RMQSource may ack it.
 */
public final class GoldRefreshFunction extends ProcessFunction<RefreshRequest, Integer> {
    private final String jdbcUrl;
    private transient GoldRefresher refresher;
    private transient GoldMetrics metrics;

    public GoldRefreshFunction(String jdbcUrl) { this.jdbcUrl = jdbcUrl; }

    @Override public void open(OpenContext ctx) {
        refresher = new GoldRefresher(jdbcUrl);
        metrics = new GoldMetrics(getRuntimeContext().getMetricGroup());
    }

    @Override public void processElement(RefreshRequest r, Context ctx, Collector<Integer> out) throws Exception {
        GoldRefresher.Result result = r.all()
                ? refresher.refreshAll()
                : refresher.refresh(r.trackIds(), r.playlists());
        Instant changed = r.changedAt() != null ? r.changedAt() : result.latestSilverChange();
        if (changed != null) metrics.lag(Duration.between(changed, Instant.now()));
        metrics.update(result.layerStats());
        out.collect(result.totalRows());
    }

    @Override public void close() throws Exception {
        if (refresher != null) refresher.close();
    }
}
