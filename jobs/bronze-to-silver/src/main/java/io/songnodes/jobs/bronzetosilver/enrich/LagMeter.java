package io.songnodes.jobs.bronzetosilver.enrich;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Measures bronze-to-silver lag, from the scraper's {@code scraped_at} to the hand-off to the silver
 * sinks (which commit within their batch interval, 200 ms). In milliseconds: Flink histograms hold longs.
 */
public final class LagMeter extends RichMapFunction<Settled, Settled> {
    private transient Histogram lag;

    @Override
    public void open(OpenContext ctx) {
        lag = getRuntimeContext().getMetricGroup().histogram("medallion_bronze_to_silver_lag_ms", new DescriptiveStatisticsHistogram(1_000));
    }

    @Override
    public Settled map(Settled s) {
        if (!s.reenrichment() && s.message().record().scrapedAt() != null) {
            lag.update(Math.max(0, Instant.now().toEpochMilli() - s.message().record().scrapedAt().toEpochMilli()));
        }
        return s;
    }
}
