package io.songnodes.tools.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.enrich.ProviderName;
import io.songnodes.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The simulator's admin endpoints: {@code GET /__sim/stats}, {@code POST /__sim/reset}, {@code GET|POST /__sim/config}.
 * A config change names only what changes; {@code faults} replaces the whole fault list ({@code []} ends a storm).
 */
final class AdminApi {
    private final SimStats stats;
    private final SimulatorState state;
    private final Runnable resetWindows;

    AdminApi(SimStats stats, SimulatorState state, Runnable resetWindows) {
        this.stats = stats;
        this.state = state;
        this.resetWindows = resetWindows;
    }

    Answer handle(String method, String path, String body) {
        String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        try {
            return switch (method + " " + p) {
                case "GET /__sim/stats" -> Answer.json(200, statsJson(stats.snapshot(), state.tuning()));
                case "POST /__sim/reset" -> {
                    stats.reset();
                    resetWindows.run();
                    yield Answer.json(200, "{\"reset\":true}");
                }
                case "GET /__sim/config" -> Answer.json(200, tuningJson(state.tuning()));
                case "POST /__sim/config" -> {
                    Tuning next = apply(state.tuning(), body);
                    state.set(next);
                    yield Answer.json(200, tuningJson(next));
                }
                default -> Answer.json(404, "{\"error\":\"unknown admin endpoint " + method + " " + p + "\"}");
            };
        } catch (IllegalArgumentException e) {
            ObjectNode err = Json.MAPPER.createObjectNode().put("error", e.getMessage());
            return Answer.json(400, err);
        }
    }

    static ObjectNode statsJson(Map<ProviderName, SimStats.ProviderStats> snapshot, Tuning tuning) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode providers = root.putObject("providers");
        snapshot.forEach((p, s) -> providers.set(p.id(), Json.MAPPER.valueToTree(s)));
        root.put("limit_scale", tuning.limitScale());
        return root;
    }

    static ObjectNode tuningJson(Tuning t) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("limit_scale", t.limitScale());
        o.put("latency_ms", t.latencyMs());
        o.put("jitter_ms", t.jitterMs());
        ObjectNode pl = o.putObject("provider_latency_ms");
        t.providerLatencyMs().forEach((p, ms) -> pl.put(p.id(), ms));
        ArrayNode f = o.putArray("faults");
        for (FaultSpec s : t.faults()) f.add(s.toString());
        o.put("timeout_fault_ms", t.timeoutFaultMs());
        return o;
    }

    /** Applies a JSON change; unknown keys fail so that a typo is not silently ignored. */
    static Tuning apply(Tuning t, String body) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            throw new IllegalArgumentException("config body is not JSON: " + e.getMessage());
        }
        if (!n.isObject()) throw new IllegalArgumentException("config body must be a JSON object");
        Tuning out = t;
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            JsonNode v = n.get(k);
            switch (k) {
                case "limit_scale" -> out = out.withLimitScale(number(k, v));
                case "latency_ms" -> out = out.withLatency((long) number(k, v), out.jitterMs());
                case "jitter_ms" -> out = out.withLatency(out.latencyMs(), (long) number(k, v));
                case "timeout_fault_ms" -> out = out.withTimeoutFaultMs((long) number(k, v));
                case "provider_latency_ms" -> {
                    Map<ProviderName, Long> m = new EnumMap<>(ProviderName.class);
                    for (Iterator<Map.Entry<String, JsonNode>> f = v.fields(); f.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = f.next();
                        try {
                            m.put(ProviderName.of(e.getKey()), (long) number(k + "." + e.getKey(), e.getValue()));
                        } catch (IllegalArgumentException ex) {
                            throw new IllegalArgumentException(k + ": " + ex.getMessage());
                        }
                    }
                    out = out.withProviderLatency(m);
                }
                case "faults" -> {
                    if (!v.isArray()) throw new IllegalArgumentException("faults must be an array");
                    List<FaultSpec> faults = new ArrayList<>();
                    for (JsonNode f : v) {
                        if (f.isTextual()) faults.add(FaultSpec.parse(f.asText()));
                        else faults.add(FaultSpec.parse(f.path("provider").asText("*") + ":" + f.path("kind").asText() + ":" + f.path("share").asText()));
                    }
                    out = out.withFaults(faults);
                }
                default -> throw new IllegalArgumentException("unknown config key '" + k
                        + "' (use limit_scale, latency_ms, jitter_ms, provider_latency_ms, faults, timeout_fault_ms)");
            }
        }
        return out;
    }

    private static double number(String key, JsonNode v) {
        if (v == null || !v.isNumber()) throw new IllegalArgumentException(key + " must be a number");
        return v.asDouble();
    }
}
