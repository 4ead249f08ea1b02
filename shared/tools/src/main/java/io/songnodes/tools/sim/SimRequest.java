package io.songnodes.tools.sim;

import io.songnodes.enrich.ProviderName;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One incoming request, reduced to what the provider APIs need. {@code path} is the provider's own path
 * (a {@code /spotify} style prefix already removed); query values are URL-decoded ({@code +} is a space).
 */
public record SimRequest(ProviderName provider, String method, String path, Map<String, List<String>> query,
                         Function<String, String> headers, String body) {

    /** First value of a query parameter, or null. */
    public String param(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String header(String name) { return headers.apply(name); }

    /** Path segments without empty ones: {@code /v1/tracks/abc} is [v1, tracks, abc]. */
    public List<String> segments() {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) if (!s.isEmpty()) out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        return out;
    }

    /** Parses a raw query string ({@code a=1&b=x+y}). */
    public static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }
}
