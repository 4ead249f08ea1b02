package io.songnodes.tools.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Catalog searches list every version of a song, exact version first, and only for the asked provider. */
class CatalogTest {
    private static CatalogTrack t(String artist, String title, String version, String spotify, String deezer) {
        return new CatalogTrack(artist, title, version, null, null, null, null, List.of(), null, null, null,
                Map.of("spotify", spotify, "deezer", deezer == null ? "" : deezer), null, null, null);
    }

    private final Catalog catalog = new Catalog(List.of(
            t("Hardwell ft. Craig David", "No Holding Back", null, "5MPGuEFEoYdzi6NAyqe0OC", "1"),
            t("Hardwell ft. Craig David", "No Holding Back", "Henry Fong Remix", "5MPGuEFEoYdzi6NAyqe0OD", null),
            t("Hardwell", "Spaceman", null, "1Ca2ELRlvACAeI7xz9c9jR", "2"),
            t("Justice", "Love S.O.S.", null, "3K3gJEbDUQPUIhw15MytrL", "3")));

    @Test
    void searchListsEveryVersionWithTheAskedOneFirst() {
        List<Catalog.Hit> hits = catalog.search("spotify", "Hardwell", "No Holding Back (Henry Fong Remix)", false);
        assertThat(hits).extracting(h -> h.track().version()).containsExactly("Henry Fong Remix", null);
        List<Catalog.Hit> original = catalog.search("spotify", "Hardwell", "No Holding Back", false);
        assertThat(original.get(0).track().version()).isNull();
        assertThat(original).hasSize(2);
    }

    @Test
    void onlyTracksWithTheProvidersIdAreFound() {
        assertThat(catalog.search("deezer", "Hardwell", "No Holding Back", false)).hasSize(1);
        assertThat(catalog.byId("deezer", "3")).map(CatalogTrack::title).hasValue("Love S.O.S.");
        assertThat(catalog.byId("deezer", "99")).isEmpty();
    }

    @Test
    void searchIsWordExactSoAMisspelledWordFindsNothing() {
        assertThat(catalog.search("spotify", "Hardwell", "Spaceman", false)).isNotEmpty();
        assertThat(catalog.search("spotify", "Hardwell", "Spacemna", false)).as("transposed letters").isEmpty();
        assertThat(catalog.search("spotify", "Hardwlel", "Spaceman", false)).as("a misspelled artist").isEmpty();
        assertThat(catalog.search("spotify", null, "Spacman", false)).as("a dropped letter, title alone").isEmpty();
        assertThat(catalog.search("spotify", "Hardwel", null, false)).as("a dropped letter, artist alone").isEmpty();
    }

    @Test
    void fuzzySearchPadsWithTheArtistsOtherSongs() {
        List<Catalog.Hit> strict = catalog.search("spotify", "Hardwell", "Spaceman", false);
        List<Catalog.Hit> fuzzy = catalog.search("spotify", "Hardwell", "Spaceman", true);
        assertThat(strict).hasSize(1);
        assertThat(fuzzy.get(0).track().title()).isEqualTo("Spaceman");
        assertThat(fuzzy).hasSizeGreaterThan(1);
        assertThat(catalog.search("spotify", "Nobody", "Nothing", true)).isEmpty();
    }

    @Test
    void baseTitleDropsTheVersion() {
        assertThat(Catalog.baseTitle("Only Road (Cosmic Gate Remix)")).isEqualTo("Only Road");
        assertThat(Catalog.baseTitle("Come With Me - Radio Edit")).isEqualTo("Come With Me");
        assertThat(Catalog.baseTitle("D.A.N.C.E.")).isEqualTo("D.A.N.C.E.");
    }
}
