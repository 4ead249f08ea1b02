package io.songnodes.jobs.bronzetosilver.enrich;

import java.time.Duration;
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
        Instant scraped = s.message().record().scrapedAt();
        // compared as instants: toEpochMilli would throw for a time far outside the validator's range
        Instant now = Instant.now();
        if (!s.reenrichment() && scraped != null && scraped.isAfter(Instant.EPOCH)) {
            lag.update(scraped.isBefore(now) ? Duration.between(scraped, now).toMillis() : 0);
        }
        return s;
    }
}
