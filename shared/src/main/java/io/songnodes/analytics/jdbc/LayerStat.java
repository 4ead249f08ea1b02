package io.songnodes.analytics.jdbc;

import java.io.Serializable;
import java.util.Map;

/** One row of {@code gold.layer_stats}: a layer's table, its row count, mean quality and completeness per category. */
public record LayerStat(String layer, String table, long records, Double meanQuality, Map<String, Double> completeness)
        implements Serializable {}
