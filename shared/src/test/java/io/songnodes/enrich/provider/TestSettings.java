package io.songnodes.enrich.provider;

import io.songnodes.enrich.TrackQuery;
import java.util.Map;

/** Settings and queries shared by the client tests. */
final class TestSettings {
    static final String UA = "SongNodesTest/1.2.3 ( https://songnodes.example/contact )";

    private TestSettings() {}

    static ProviderSettings settings() { return ProviderSettings.defaults("SongNodesTest", "1.2.3", "https://songnodes.example/contact"); }

    static TrackQuery text(String artist, String title) { return new TrackQuery(artist, title, null, Map.of()); }

    static TrackQuery ids(String... pairs) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return new TrackQuery(null, null, null, m);
    }

    static TrackQuery both(String artist, String title, String... pairs) {
        return new TrackQuery(artist, title, null, ids(pairs).knownIds());
    }
}
