package io.songnodes.tools.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import io.songnodes.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the simulator sends back: status, headers, body, or a transport fault. Immutable. */
public record Answer(int status, Map<String, String> headers, String body, Fault fault) {
    public Answer {
        headers = Map.copyOf(headers);
    }

    public static Answer json(int status, JsonNode body) { return json(status, Json.write(body)); }

    public static Answer json(int status, String body) {
        return new Answer(status, Map.of("Content-Type", "application/json; charset=utf-8"), body, null);
    }

    public static Answer empty(int status) { return new Answer(status, Map.of(), "", null); }

    public static Answer fault(Fault f) { return new Answer(0, Map.of(), null, f); }

    public Answer withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Answer(status, h, body, fault);
    }

    public Answer withBody(String b) { return new Answer(status, headers, b, fault); }
}
