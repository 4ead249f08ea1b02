package io.songnodes.tools.enrich;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.ProviderConfig;
import io.songnodes.enrich.config.Rate;
import io.songnodes.enrich.config.WaterfallConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Speeds every provider quota of a waterfall config up by the factor the simulator's {@code --limit-scale}
 * uses: each window becomes X times shorter, the permits per window stay. So a client at scale X against a
 * simulator at scale X keeps exactly the margin it has against the real APIs at scale 1.
 */
public final class RateScale {
    private RateScale() {}

    public static WaterfallConfig apply(WaterfallConfig config, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("--limit-scale must be > 0, got " + scale);
        if (scale == 1) return config;
        Map<ProviderName, ProviderConfig> out = new EnumMap<>(ProviderName.class);
        config.providers().forEach((p, s) -> out.put(p, new ProviderConfig(p, scale(s.rate(), scale), s.burst(), s.timeout(),
                s.cacheTtl(), s.negativeCacheTtl(), s.costPerCallUsd(), s.baseUrl(), s.authUrl(), s.enabled(), s.freshnessTtl(), s.monthlyBudgetUsd())));
        return new WaterfallConfig(config.fields(), out, config.scoring(), config.userAgent());
    }

    /** Rounds the shorter window up to whole milliseconds: the config's rate syntax has no finer unit, and up never exceeds the quota. */
    static Rate scale(Rate r, double scale) {
        long ms = (long) Math.ceil(r.period().toNanos() / scale / 1_000_000.0);
        return new Rate(r.permits(), Duration.ofMillis(Math.max(1, ms)));
    }
}
