package io.songnodes.enrich.provider;

import static io.songnodes.enrich.provider.TestSettings.ids;
import static io.songnodes.enrich.provider.TestSettings.settings;
import static io.songnodes.enrich.provider.TestSettings.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deezer requests (track, isrc path, advanced search) and every recorded Deezer body, errors inside HTTP 200. */
class DeezerClientTest {
    @RegisterExtension
    static final FixtureBook FIXTURES = new FixtureBook("deezer",
            "track-3135556-daft-punk-harder-better-faster-stronger.json", "track-1425844092-kid-laroi-justin-bieber-stay.json",
            "track-1724605597-ping.json", "track-2947516331-lady-gaga-bruno-mars-die-with-a-smile-2025.json",
            "search-q-billy-jean-limit-3.json", "search-q-soliloquy.json", "search-track-advanced-artist-lou-doillon-track-joke.json",
            "error-track-not-found-200-dataexception-800.json", "error-album-0-404-dataexception-800.json");

    final FixtureHttp http = new FixtureHttp();
    final DeezerClient client = new DeezerClient(settings(), http);
    final DeezerClient noDetails = new DeezerClient(new ProviderSettings("SongNodesTest", "1.2.3", "https://songnodes.example/contact",
            ProviderEndpoints.REAL, 10, 0, true, java.time.Duration.ofSeconds(60), java.time.Duration.ofSeconds(10)), http);

    @Test
    void trackByIdHasIsrcBpmAndContributors() throws Exception {
        http.reply(200, FIXTURES.body("track-3135556-daft-punk-harder-better-faster-stronger.json"));

        Candidate c = client.lookup(ids("deezer", "3135556")).get(0);

        assertThat(http.last().uri()).isEqualTo("https://api.deezer.com/track/3135556");
        assertThat(http.last().header("User-Agent")).isEqualTo(TestSettings.UA);
        assertThat(http.last().endpoint()).isEqualTo("track");
        assertThat(c.recordId()).isEqualTo("3135556");
        assertThat(c.title()).isEqualTo("Harder Better Faster Stronger");
        assertThat(c.bpm()).isEqualTo(123.0);
        assertThat(c.ids()).containsEntry("isrc", "GBDUW0000059").containsEntry("deezer", "3135556");
        assertThat(c.durationMs()).isEqualTo(224000);
        assertThat(c.releaseDate()).isEqualTo("2001-03-07");
        assertThat(c.artists()).containsExactly("Daft Punk");
    }

    @Test
    void isrcLookupUsesTheIsrcPathAndBpmZeroIsUnknown() throws Exception {
        http.reply(200, FIXTURES.body("track-1425844092-kid-laroi-justin-bieber-stay.json"));

        Candidate c = client.lookup(ids("isrc", "USSM12103949")).get(0);

        assertThat(http.last().uri()).isEqualTo("https://api.deezer.com/track/isrc:USSM12103949");
        assertThat(c.bpm()).as("bpm 0 = unknown").isNull();
        assertThat(c.artists()).containsExactly("The Kid Laroi", "Justin Bieber");
        assertThat(c.durationMs()).isEqualTo(141000);
        assertThat(c.ids()).containsEntry("isrc", "USSM12103949");

        Candidate ping = DeezerParser.track(tree("track-1724605597-ping.json"));
        assertThat(ping.title()).isEqualTo("Ping!");
        assertThat(ping.bpm()).isNull();
        assertThat(ping.ids()).containsEntry("isrc", "GBSMU7385741");
        assertThat(ping.durationMs()).isEqualTo(162000);

        Candidate smile = DeezerParser.track(tree("track-2947516331-lady-gaga-bruno-mars-die-with-a-smile-2025.json"));
        assertThat(smile.ids()).containsEntry("isrc", "USUM72409273").containsEntry("deezer", "2947516331");
        assertThat(smile.artists()).containsExactly("Lady Gaga", "Bruno Mars");
        assertThat(smile.releaseDate()).isEqualTo("2024-08-16");
        assertThat(smile.durationMs()).isEqualTo(250000);
    }

    @Test
    void advancedSearchQuotesArtistAndTrack() throws Exception {
        http.reply(200, FIXTURES.body("search-track-advanced-artist-lou-doillon-track-joke.json"));

        List<Candidate> found = noDetails.lookup(text("Lou Doillon", "Joke"));

        assertThat(http.last().uri()).isEqualTo("https://api.deezer.com/search?q=artist%3A%22Lou%20Doillon%22%20track%3A%22Joke%22&limit=10");
        assertThat(http.last().endpoint()).isEqualTo("search");
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.recordId()).isEqualTo("623719262");
            assertThat(c.title()).isEqualTo("The joke");
            assertThat(c.artist()).isEqualTo("Lou Doillon");
            assertThat(c.durationMs()).isEqualTo(200000);
            assertThat(c.id("isrc")).as("search hits carry no isrc").isNull();
        });

        List<Candidate> soliloquy = DeezerParser.search(tree("search-q-soliloquy.json"));
        assertThat(soliloquy).hasSize(25);
        assertThat(soliloquy.get(0).artist()).isEqualTo("Dave Brubeck");
        assertThat(soliloquy.get(0).durationMs()).isEqualTo(199000);
    }

    @Test
    void firstSearchHitsAreCompletedFromTrackAndAVanishedHitKeepsItsSearchFields() throws Exception {
        http.reply(200, FIXTURES.body("search-q-billy-jean-limit-3.json"));
        http.reply(200, FIXTURES.body("error-track-not-found-200-dataexception-800.json"));
        // stands in for the second hit's detail answer: the test checks the request and that detail replaces search fields
        http.reply(200, FIXTURES.body("track-3135556-daft-punk-harder-better-faster-stronger.json"));
        http.reply(200, FIXTURES.body("track-3135556-daft-punk-harder-better-faster-stronger.json"));

        List<Candidate> found = client.lookup(text("Michael Jackson", "Billie Jean"));

        assertThat(http.sent).extracting(FixtureHttp.Sent::endpoint).containsExactly("search", "track", "track", "track");
        assertThat(http.sent.get(1).uri()).isEqualTo("https://api.deezer.com/track/4603408");
        assertThat(found).hasSize(3);
        assertThat(found.get(0).recordId()).isEqualTo("4603408");
        assertThat(found.get(0).title()).isEqualTo("Billie Jean");
        assertThat(found.get(0).durationMs()).isEqualTo(293000);
        assertThat(found.get(0).id("isrc")).isNull();
        assertThat(found.get(1).id("isrc")).isEqualTo("GBDUW0000059");
    }

    @Test
    void errorsInsideHttp200AndHttp404MapToClasses() {
        http.reply(200, FIXTURES.body("error-track-not-found-200-dataexception-800.json"));
        assertThatThrownBy(() -> client.lookup(ids("deezer", "-1")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.httpStatus()).isEqualTo(200);
                    assertThat(e.getMessage()).contains("DataException 800: no data");
                });
        http.reply(404, FIXTURES.body("error-album-0-404-dataexception-800.json"));
        assertThatThrownBy(() -> client.lookup(ids("deezer", "0")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.httpStatus()).isEqualTo(404);
                });
        // the quota body is not a kit fixture (only quoted in third-party tests): Deezer's documented shape
        http.reply(200, "{\"error\":{\"type\":\"Exception\",\"message\":\"Quota limit exceeded\",\"code\":4}}");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryable()).isTrue();
                });
    }

    static JsonNode tree(String file) {
        try {
            return Json.MAPPER.readTree(FIXTURES.body(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
