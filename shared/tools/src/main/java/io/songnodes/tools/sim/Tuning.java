package io.songnodes.tools.sim;

import io.songnodes.enrich.ProviderName;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the configuration a running simulator can change (POST /__sim/config): limit scale, latency and
 * faults. Immutable; a change swaps the whole value, so a request sees one consistent tuning.
 */
public record Tuning(double limitScale, long latencyMs, long jitterMs, Map<ProviderName, Long> providerLatencyMs,
                     List<FaultSpec> faults, long timeoutFaultMs) {
    public Tuning {
        if (!(limitScale > 0)) throw new IllegalArgumentException("limit-scale must be > 0, got " + limitScale);
        if (latencyMs < 0) throw new IllegalArgumentException("latency-ms must be >= 0, got " + latencyMs);
        if (jitterMs < 0) throw new IllegalArgumentException("jitter-ms must be >= 0, got " + jitterMs);
        if (timeoutFaultMs < 1) throw new IllegalArgumentException("timeout-fault-ms must be >= 1, got " + timeoutFaultMs);
        providerLatencyMs = providerLatencyMs == null ? Map.of() : Map.copyOf(providerLatencyMs);
        providerLatencyMs.forEach((p, ms) -> {
            if (ms < 0) throw new IllegalArgumentException("latency for " + p.id() + " must be >= 0, got " + ms);
        });
        faults = faults == null ? List.of() : List.copyOf(faults);
        for (ProviderName p : ProviderName.values()) {
            double sum = faults.stream().filter(f -> f.appliesTo(p)).mapToDouble(FaultSpec::share).sum();
            if (sum > 1.0 + 1e-9) throw new IllegalArgumentException("fault shares for " + p.id() + " add up to " + sum + " > 1");
        }
    }

    public static Tuning defaults() { return new Tuning(1.0, 0, 0, Map.of(), List.of(), 15_000); }

    public long latencyFor(ProviderName p) { return providerLatencyMs.getOrDefault(p, latencyMs); }

    /** Fault shares of one provider, per kind. */
    public Map<FaultKind, Double> faultsFor(ProviderName p) {
        Map<FaultKind, Double> m = new EnumMap<>(FaultKind.class);
        for (FaultSpec f : faults) if (f.appliesTo(p)) m.merge(f.kind(), f.share(), Double::sum);
        return m;
    }

    public Tuning withLimitScale(double v) { return new Tuning(v, latencyMs, jitterMs, providerLatencyMs, faults, timeoutFaultMs); }

    public Tuning withLatency(long ms, long jitter) { return new Tuning(limitScale, ms, jitter, providerLatencyMs, faults, timeoutFaultMs); }

    public Tuning withProviderLatency(Map<ProviderName, Long> m) { return new Tuning(limitScale, latencyMs, jitterMs, m, faults, timeoutFaultMs); }

    public Tuning withFaults(List<FaultSpec> f) { return new Tuning(limitScale, latencyMs, jitterMs, providerLatencyMs, f, timeoutFaultMs); }

    public Tuning withTimeoutFaultMs(long ms) { return new Tuning(limitScale, latencyMs, jitterMs, providerLatencyMs, faults, ms); }
}
