package io.songnodes.jobs.silvertogold;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.analytics.jdbc.LayerStat;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class GoldMetricsTest {
    /** Records metrics under "key=value/.../name", the scope the Prometheus reporter turns into labels. */
    private static final class Recording extends UnregisteredMetricsGroup {
        private final String scope;
        private final Map<String, Metric> metrics;

        Recording(String scope, Map<String, Metric> metrics) {
            this.scope = scope;
            this.metrics = metrics;
        }

        @Override public MetricGroup addGroup(String key, String value) { return new Recording(scope + key + "=" + value + "/", metrics); }

        @Override public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            metrics.put(scope + name, gauge);
            return gauge;
        }

        @Override public <H extends Histogram> H histogram(String name, H histogram) {
            metrics.put(scope + name, histogram);
            return histogram;
        }
    }

    @Test
    void registersTheCatalogueNamesAndFeedsThemFromLayerStats() {
        Map<String, Metric> m = new HashMap<>();
        GoldMetrics metrics = new GoldMetrics(new Recording("", m));
        metrics.update(List.of(
                new LayerStat("bronze", "raw_tracks", 10, 0.9, Map.of()),
                new LayerStat("silver", "tracks", 7, 0.75, Map.of("identifiers", 0.2, "audio", 0.6, "metadata", 0.4, "overall", 0.4)),
                new LayerStat("gold", "track_transitions", 5, 0.33, Map.of()),
                new LayerStat("gold", "harmonic_recommendations", 12, 0.8, Map.of())));
        metrics.lag(Duration.ofSeconds(42));

        assertThat(value(m, "medallion_silver_records")).isEqualTo(7.0);
        assertThat(value(m, "table=track_transitions/medallion_gold_records")).isEqualTo(5.0);
        assertThat(value(m, "table=harmonic_recommendations/medallion_gold_records")).isEqualTo(12.0);
        assertThat(value(m, "layer=bronze/medallion_data_quality_score")).isEqualTo(0.9);
        assertThat(value(m, "layer=silver/medallion_data_quality_score")).isEqualTo(0.75);
        assertThat(value(m, "layer=gold/medallion_data_quality_score")).isEqualTo(0.33);
        assertThat(value(m, "field_category=audio/medallion_enrichment_completeness")).isEqualTo(0.6);
        assertThat(value(m, "field_category=overall/medallion_enrichment_completeness")).isEqualTo(0.4);
        Histogram lag = (Histogram) m.get("medallion_silver_to_gold_lag_seconds");
        assertThat(lag.getCount()).isEqualTo(1);
        assertThat(lag.getStatistics().getMax()).isEqualTo(42);
    }

    private static Object value(Map<String, Metric> m, String name) {
        assertThat(m).containsKey(name);
        return ((Gauge<?>) m.get(name)).getValue();
    }
}
