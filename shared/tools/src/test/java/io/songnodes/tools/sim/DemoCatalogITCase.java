package io.songnodes.tools.sim;

import static io.songnodes.tools.sim.SimTestSupport.get;
import static io.songnodes.tools.sim.SimTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The shipped demo catalog (our own fictional tracks) loads, and every provider serves its tracks from it. */
class DemoCatalogITCase {
    static final Path DEMO = Path.of("catalog/demo.jsonl");

    @Test
    void everyProviderServesTheDemoCatalog() throws Exception {
        Catalog catalog = Catalog.load(DEMO);
        assertThat(catalog.tracks()).hasSizeGreaterThanOrEqualTo(10).allMatch(t -> t.isrc() != null && t.isrc().length() == 12);
        CatalogTrack first = catalog.tracks().get(0);
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.builder().catalog(catalog).enforceLimits(false).build())) {
            String b = sim.baseUrl();
            assertThat(json(get(b + "/v1/tracks/" + first.id("spotify"), "Authorization", "Bearer t")).path("name").asText()).isEqualTo(first.title());
            assertThat(json(get(b + "/ws/2/isrc/" + first.isrc() + "?fmt=json")).path("recordings").get(0).path("id").asText())
                    .isEqualTo(first.id("musicbrainz"));
            assertThat(json(get(b + "/releases/" + first.id("discogs"), "Authorization", "Discogs token=t")).path("title").asText()).isEqualTo(first.title());
            assertThat(json(get(b + "/track/isrc:" + first.isrc())).path("id").asText()).isEqualTo(first.id("deezer"));
            assertThat(json(get(b + "/v4/catalog/tracks/" + first.id("beatport") + "/", "Authorization", "Bearer t")).path("bpm").asInt())
                    .isEqualTo((int) Math.round(first.bpm()));
            assertThat(json(get(b + "/2.0/?method=track.getInfo&format=json&api_key=k&artist=" + CatalogShapesITCase.enc(first.artist())
                    + "&track=" + CatalogShapesITCase.enc(first.title()))).path("track").path("name").asText()).isEqualTo(first.title());
            assertThat(json(get(b + "/v1/search?type=track&q=" + CatalogShapesITCase.enc("artist:\"" + first.artist() + "\" track:\"" + first.title() + "\""),
                    "Authorization", "Bearer t")).path("tracks").path("total").asInt()).as("every version of the song").isEqualTo(3);
        }
    }
}
