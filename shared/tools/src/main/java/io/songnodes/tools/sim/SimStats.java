package io.songnodes.tools.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.songnodes.enrich.ProviderName;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-provider counters of the simulator, thread-safe; {@link #snapshot()} gives an immutable view. */
public final class SimStats {
    /** Counts of one provider at one moment. */
    public record ProviderStats(@JsonProperty("requests") long requests, @JsonProperty("accepted") long accepted,
                                @JsonProperty("over_limit") long overLimit, @JsonProperty("faults") long faults,
                                @JsonProperty("faults_by_kind") Map<String, Long> faultsByKind,
                                @JsonProperty("by_status") Map<String, Long> byStatus) {}

    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder overLimit = new LongAdder();
        final Map<FaultKind, LongAdder> faults = new ConcurrentHashMap<>();
        final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    }

    private final Map<ProviderName, Counters> counters = new EnumMap<>(ProviderName.class);

    public SimStats() {
        for (ProviderName p : ProviderName.values()) counters.put(p, new Counters());
    }

    void request(ProviderName p) { counters.get(p).requests.increment(); }

    void overLimit(ProviderName p) { counters.get(p).overLimit.increment(); }

    void fault(ProviderName p, FaultKind k) { counters.get(p).faults.computeIfAbsent(k, x -> new LongAdder()).increment(); }

    void status(ProviderName p, int status) { counters.get(p).statuses.computeIfAbsent(status, x -> new LongAdder()).increment(); }

    void reset() {
        for (Counters c : counters.values()) {
            c.requests.reset();
            c.overLimit.reset();
            c.faults.clear();
            c.statuses.clear();
        }
    }

    public Map<ProviderName, ProviderStats> snapshot() {
        Map<ProviderName, ProviderStats> out = new EnumMap<>(ProviderName.class);
        counters.forEach((p, c) -> {
            Map<String, Long> byKind = new TreeMap<>();
            long faults = 0;
            for (Map.Entry<FaultKind, LongAdder> e : c.faults.entrySet()) {
                byKind.put(e.getKey().token(), e.getValue().sum());
                faults += e.getValue().sum();
            }
            Map<String, Long> byStatus = new TreeMap<>();
            c.statuses.forEach((s, n) -> byStatus.put(String.valueOf(s), n.sum()));
            long requests = c.requests.sum();
            long over = c.overLimit.sum();
            out.put(p, new ProviderStats(requests, requests - over, over, faults, byKind, byStatus));
        });
        return out;
    }
}
