package io.songnodes.tools.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TracklistFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Against a catalog built from the kit tracklists, a store search for each row's artist and title lists the row's
 * own track, so a client that scores candidates can reproduce the recorded ids.
 */
class KitCatalogSearchTest {
    private final Catalog catalog = new Catalog(CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer")));

    @Test
    void everyRowsOwnIdIsAmongTheHits() {
        List<String> lost = new ArrayList<>();
        int rows = 0;
        int top1 = 0;
        for (TracklistFixtures.Row r : TracklistFixtures.all1001()) {
            for (String provider : List.of("spotify", "beatport")) {
                String id = provider.equals("spotify") ? r.spotifyId() : r.beatportId();
                if (id == null) continue;
                rows++;
                List<Catalog.Hit> hits = catalog.search(provider, r.bronze().artist(), r.bronze().title(), false);
                List<String> ids = hits.stream().map(h -> h.track().id(provider)).toList();
                if (!ids.contains(id)) lost.add(provider + ": " + r.bronze().artist() + " - " + r.bronze().title());
                else if (ids.get(0).equals(id)) top1++;
            }
        }
        assertThat(lost).isEmpty();
        assertThat(top1).as("own id ranked first, of " + rows).isEqualTo(rows);
    }
}
