package io.songnodes.enrich.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    @Test
    void theSameNormalisedRequestHasOneKey() {
        String a = CacheKey.of(ProviderName.SPOTIFY, new TrackQuery("Tiësto", "Adagio For Strings", 200_000, Map.of()));
        String b = CacheKey.of(ProviderName.SPOTIFY, new TrackQuery("  TIESTO ", "adagio  for strings", null, Map.of("isrc", " ")));
        assertThat(a).isEqualTo(b).matches("cache:spotify:[0-9a-f]{64}");
    }

    @Test
    void providersIdsAndTitlesKeepKeysApart() {
        TrackQuery q = new TrackQuery("Artist", "Title", null, Map.of());
        assertThat(CacheKey.of(ProviderName.SPOTIFY, q)).isNotEqualTo(CacheKey.of(ProviderName.DEEZER, q));
        assertThat(CacheKey.of(ProviderName.SPOTIFY, q))
                .isNotEqualTo(CacheKey.of(ProviderName.SPOTIFY, new TrackQuery("Artist", "Title (Extended Mix)", null, Map.of())));
        assertThat(CacheKey.of(ProviderName.SPOTIFY, new TrackQuery("Artist", "Title", null, Map.of("isrc", "GBAAA0000001"))))
                .isNotEqualTo(CacheKey.of(ProviderName.SPOTIFY, new TrackQuery("Artist", "Title", null, Map.of("isrc", "GBAAA0000002"))))
                .isEqualTo(CacheKey.of(ProviderName.SPOTIFY, new TrackQuery("Artist", "Title", null, Map.of("ISRC", "GBAAA0000001"))));
        // the split between artist and title matters
        assertThat(CacheKey.of(ProviderName.SPOTIFY, new TrackQuery("A B", "C", null, null)))
                .isNotEqualTo(CacheKey.of(ProviderName.SPOTIFY, new TrackQuery("A", "B C", null, null)));
    }
}
