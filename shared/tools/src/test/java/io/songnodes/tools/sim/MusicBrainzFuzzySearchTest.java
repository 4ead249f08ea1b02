package io.songnodes.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.ProviderName;
import io.songnodes.json.Json;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.api.MusicBrainzApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulated MusicBrainz search answers fuzzy terms as Lucene does (Damerau-Levenshtein, 2 edits by default,
 * fewer edits than the shorter word has letters) and stays word-exact for every word without {@code ~}.
 */
class MusicBrainzFuzzySearchTest {
    private static CatalogTrack track(int i, String artist, String title, String version) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("musicbrainz", String.format("00000000-0000-4000-8000-%012d", i));
        return new CatalogTrack(artist, title, version, 300_000, null, null, null, List.of(), null, null, null, ids, null, null, null);
    }

    private final MusicBrainzApi api = new MusicBrainzApi(new Catalog(List.of(
            track(1, "Justice", "Randy", null), track(2, "Justice", "Randy", "Boys Noize Remix"), track(3, "Justice", "Genesis", null),
            track(4, "Justin Martin", "Ruby", null), track(5, "Swedish House Mafia", "One", null), track(6, "Metallica", "One", null))));

    private List<String> titles(String query) throws Exception {
        SimRequest r = new SimRequest(ProviderName.MUSICBRAINZ, "GET", "/ws/2/recording",
                SimRequest.parseQuery("query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&fmt=json"), h -> null, null);
        JsonNode body = Json.MAPPER.readTree(api.serve(r).body());
        List<String> out = new ArrayList<>();
        for (JsonNode rec : body.path("recordings")) out.add(rec.path("artist-credit").path(0).path("name").asText() + " - " + rec.path("title").asText());
        return out;
    }

    @Test
    void fuzzyTermsFindOneSlipAndTheLiteralSpellingRanksFirst() throws Exception {
        assertThat(titles("artist:(jsutice~1) AND recording:(+randy~1)")).containsExactly("Justice - Randy", "Justice - Randy (Boys Noize Remix)");
        assertThat(titles("artist:(justice~1) AND recording:(+arndy~1)")).as("a transposition is one edit")
                .containsExactly("Justice - Randy", "Justice - Randy (Boys Noize Remix)");
        assertThat(titles("artist:(justice) AND recording:(+randdy~)")).hasSize(2);
        assertThat(titles("artist:(justice~) AND recording:(+rndy~1)")).hasSize(2);
        assertThat(titles("artist:(justice) AND recording:(+rnayd~1)")).as("two edits are more than ~1").isEmpty();
        assertThat(titles("artist:(justice) AND recording:(+rnayd~)")).as("but within ~ (2)").hasSize(2);
    }

    @Test
    void theEditsMustBeFewerThanTheShorterWordHasLetters() throws Exception {
        assertThat(titles("artist:(swedish~ house~ mafia~) AND recording:(+oen~)")).containsExactly("Swedish House Mafia - One");
        assertThat(titles("artist:(swedish house mafia) AND recording:(+on~2)")).as("2 edits from 'on' is every short word; Lucene needs fewer than 2")
                .containsExactly("Swedish House Mafia - One");
        assertThat(titles("artist:(mafia) AND recording:(+o~2)")).isEmpty();
    }

    @Test
    void wordsWithoutTildeStayExactAndAnyArtistWordWillDo() throws Exception {
        assertThat(titles("artist:(jsutice) AND recording:(+randy)")).isEmpty();
        assertThat(titles("artist:(jsutice~1 nobody) AND recording:(+genesis)")).containsExactly("Justice - Genesis");
        assertThat(titles("artist:(justice~1) AND recording:(+randy AND remix~)")).containsExactly("Justice - Randy (Boys Noize Remix)");
        // a plain query is the phrase search it always was: word-exact
        assertThat(titles("artist:\"Jsutice\" AND recording:\"Randy\"")).isEmpty();
        assertThat(titles("artist:\"Justice\" AND recording:\"Randy\"")).startsWith("Justice - Randy");
    }
}
