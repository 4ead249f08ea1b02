package io.songnodes.tools.sim;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.ProviderDefaults;
import io.songnodes.enrich.config.Rate;
import io.songnodes.tools.catalog.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Start-up configuration of the {@link ProviderSimulator}, validated once in {@link Builder#build()}.
 * Either a catalog (catalog mode) or a fixtures directory (fixture mode: the recorded bodies) is required;
 * with both, fixtures answer first and the catalog answers what no fixture covers.
 */
public record SimulatorConfig(int port, String bindAddress, Catalog catalog, Path fixturesDir,
                              Map<ProviderName, Rate> limits, boolean enforceLimits, Tuning tuning,
                              long seed, boolean requireUserAgent, int threads) {

    public static Builder builder() { return new Builder(); }

    public boolean fixtureMode() { return fixturesDir != null; }

    /** Fluent builder; defaults: any free port on 127.0.0.1, the real limits at scale 1, no latency, no faults. */
    public static final class Builder {
        private int port = 0;
        private String bindAddress = "127.0.0.1";
        private Catalog catalog;
        private Path fixturesDir;
        private final Map<ProviderName, Rate> limits = new EnumMap<>(ProviderDefaults.rates());
        private boolean enforceLimits = true;
        private Tuning tuning = Tuning.defaults();
        private long seed = System.nanoTime();
        private boolean requireUserAgent = true;
        private int threads = 64;

        public Builder port(int v) { port = v; return this; }
        public Builder bindAddress(String v) { bindAddress = v; return this; }
        public Builder catalog(Catalog v) { catalog = v; return this; }
        public Builder catalog(Path file) { catalog = Catalog.load(file); return this; }
        public Builder fixtures(Path dir) { fixturesDir = dir; return this; }
        public Builder limit(ProviderName p, Rate l) { limits.put(p, l); return this; }
        public Builder enforceLimits(boolean v) { enforceLimits = v; return this; }
        public Builder limitScale(double v) { tuning = tuning.withLimitScale(v); return this; }
        public Builder latency(long ms, long jitterMs) { tuning = tuning.withLatency(ms, jitterMs); return this; }
        public Builder providerLatency(ProviderName p, long ms) {
            Map<ProviderName, Long> m = new EnumMap<>(ProviderName.class);
            m.putAll(tuning.providerLatencyMs());
            m.put(p, ms);
            tuning = tuning.withProviderLatency(m);
            return this;
        }
        public Builder fault(FaultSpec f) {
            java.util.List<FaultSpec> l = new java.util.ArrayList<>(tuning.faults());
            l.add(f);
            tuning = tuning.withFaults(l);
            return this;
        }
        public Builder fault(String spec) { return fault(FaultSpec.parse(spec)); }
        public Builder timeoutFaultMs(long ms) { tuning = tuning.withTimeoutFaultMs(ms); return this; }
        public Builder seed(long v) { seed = v; return this; }
        /** MusicBrainz answers 403 to a missing or generic User-Agent, as the real service does. */
        public Builder requireUserAgent(boolean v) { requireUserAgent = v; return this; }
        public Builder threads(int v) { threads = v; return this; }

        public SimulatorConfig build() {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            if (catalog == null && fixturesDir == null) throw new IllegalArgumentException("catalog or fixtures: one of them is required");
            if (fixturesDir != null && !Files.isDirectory(fixturesDir))
                throw new IllegalArgumentException("fixtures: not a directory: " + fixturesDir);
            if (threads < 8) throw new IllegalArgumentException("threads must be >= 8, got " + threads);
            return new SimulatorConfig(port, bindAddress, catalog, fixturesDir, Map.copyOf(limits), enforceLimits, tuning,
                    seed, requireUserAgent, threads);
        }
    }
}
