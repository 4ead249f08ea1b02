package io.songnodes.jobs.silvertogold;

import io.songnodes.analytics.Completeness;
import io.songnodes.analytics.GoldTable;
import io.songnodes.analytics.jdbc.LayerStat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** The medallion gauges and lag histogram of monitoring/METRIC-NAMES.md, fed from {@code gold.layer_stats}. */
final class GoldMetrics {
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final Histogram lag;

    GoldMetrics(MetricGroup group) {
        group.gauge("medallion_silver_records", gauge("silver.tracks"));
        for (GoldTable t : GoldTable.values()) {
            group.addGroup("table", t.tableName()).gauge("medallion_gold_records", gauge("gold." + t.tableName()));
        }
        for (String layer : List.of("bronze", "silver", "gold")) {
            group.addGroup("layer", layer).gauge("medallion_data_quality_score", gauge("quality." + layer));
        }
        for (String category : Completeness.CATEGORIES) {
            group.addGroup("field_category", category).gauge("medallion_enrichment_completeness", gauge("completeness." + category));
        }
        lag = group.histogram("medallion_silver_to_gold_lag_seconds", new DescriptiveStatisticsHistogram(1_000));
    }

    private Gauge<Double> gauge(String name) { return () -> values.getOrDefault(name, 0.0); }

    void lag(Duration d) { lag.update(Math.max(0, d.toSeconds())); }

    /** Bronze quality is the share of bronze rows linked to silver; silver the mean data quality; gold the mean transition quality. */
    void update(List<LayerStat> stats) {
        for (LayerStat s : stats) {
            values.put(s.layer() + "." + s.table(), (double) s.records());
            String qualityTable = switch (s.layer()) {
                case "bronze" -> "raw_tracks";
                case "silver" -> "tracks";
                default -> "track_transitions";
            };
            if (s.table().equals(qualityTable) && s.meanQuality() != null) values.put("quality." + s.layer(), s.meanQuality());
            if (s.layer().equals("silver") && s.table().equals("tracks")) {
                s.completeness().forEach((category, v) -> values.put("completeness." + category, v));
            }
        }
    }
}
