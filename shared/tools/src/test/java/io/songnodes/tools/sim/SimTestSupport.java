package io.songnodes.tools.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.json.Json;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Test helpers: a small catalog with ids for every provider, a plain java.net.http client, JSON key paths. */
final class SimTestSupport {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String UA = "songnodes-test/0.1 (songnodes@example.org)";

    static final String MB_COME_WITH_ME = "6b7f9b52-2c2e-4a8e-9a0c-1d3f4e5a6b7c";
    static final String MB_COME_WITH_ME_EXT = "7c8a0c63-3d3f-4b9f-8b1d-2e4a5f6b7c8d";

    private SimTestSupport() {}

    /** Three versions of one song (the first from the kit's Cosmic Gate set) with ids at every provider, plus other songs. */
    static Catalog catalog() {
        return new Catalog(List.of(
                track("Cosmic Gate", "Come With Me", null, 545377, 127.995, 7, 0, "DEAA11900001",
                        ids("1honw3D3A6aQou1T76mAbr", "12069065", "3135001", MB_COME_WITH_ME, "13950001")),
                track("Cosmic Gate", "Come With Me", "Extended Mix", 402000, 128.0, 7, 0, "DEAA11900002",
                        ids("2honw3D3A6aQou1T76mAbr", "12069066", "3135002", MB_COME_WITH_ME_EXT, "13950002")),
                track("Cosmic Gate", "Come With Me", "Radio Edit", 181000, 128.0, 7, 0, "DEAA11900003",
                        ids("3honw3D3A6aQou1T76mAbr", "12069067", "3135003", null, null)),
                track("Gabriel & Dresden ft. Sub Teal", "Only Road", "Cosmic Gate Remix", 225000, 127.995, 7, 1, "USA2P1800001",
                        ids("30r107ODEMiFUEpnFHSGW7", "10287224", "3135004", "8d9b1d74-4e4f-4caf-9c2e-3f5b6a7c8d9e", "13950004")),
                track("Justice", "Phantom", null, 262267, 117.009, 2, 1, null,
                        ids("2weNFSRqkClXtfBPTteafY", null, null, null, null))));
    }

    private static Map<String, String> ids(String spotify, String beatport, String deezer, String mb, String discogs) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("spotify", spotify);
        m.put("beatport", beatport);
        m.put("deezer", deezer);
        m.put("musicbrainz", mb);
        m.put("discogs", discogs);
        return m;
    }

    private static CatalogTrack track(String artist, String title, String version, int ms, double bpm, int key, int mode, String isrc,
                                      Map<String, String> ids) {
        return new CatalogTrack(artist, title, version, ms, bpm, key, mode, List.of("trance", "progressive house"), "Armada Music",
                "2019-05-10", isrc, ids, null, null, null);
    }

    static HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).headers(withUa(headers)).GET().build());
    }

    static HttpResponse<String> post(String url, String body, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).headers(withUa(headers))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static String[] withUa(String[] headers) {
        String[] out = new String[headers.length + 2];
        out[0] = "User-Agent";
        out[1] = UA;
        System.arraycopy(headers, 0, out, 2, headers.length);
        return out;
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** Every key path of a JSON value, arrays collapsed to {@code []}: {@code tracks.items[].album.id}. */
    static Set<String> paths(JsonNode n) {
        Set<String> out = new TreeSet<>();
        collect(n, "", out);
        return out;
    }

    private static void collect(JsonNode n, String prefix, Set<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                out.add(p);
                collect(e.getValue(), p, out);
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) collect(c, prefix + "[]", out);
        }
    }

    /** Polls {@code check} every few milliseconds until it holds or the deadline passes. */
    static void awaitCondition(Duration timeout, java.util.function.BooleanSupplier check) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!check.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within " + timeout);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
