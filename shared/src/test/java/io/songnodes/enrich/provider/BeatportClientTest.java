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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Beatport v4 requests (bearer, isrc filter, search, track) and every recorded Beatport body. */
class BeatportClientTest {
    @RegisterExtension
    static final FixtureBook FIXTURES = new FixtureBook("beatport",
            "tracks-filter-isrc-GBDUW0000058-daft-punk.json", "tracks-filter-name-feeling-artist-newtone.json",
            "tracks-filter-artist-kaspitzky-name-elevate.json", "tracks-filter-no-results.json", "error-403-permission-denied.json");

    final FixtureHttp http = new FixtureHttp();
    final BeatportClient client = new BeatportClient(settings(), http, "beatport-test-token");

    @Test
    void isrcFilterSendsBearerAndParsesEveryReleaseOfTheIsrc() throws Exception {
        http.reply(200, FIXTURES.body("tracks-filter-isrc-GBDUW0000058-daft-punk.json"));

        List<Candidate> found = client.lookup(ids("isrc", "GBDUW0000058"));

        FixtureHttp.Sent s = http.last();
        assertThat(s.uri()).isEqualTo("https://api.beatport.com/v4/catalog/tracks/?isrc=GBDUW0000058");
        assertThat(s.header("Authorization")).isEqualTo("Bearer beatport-test-token");
        assertThat(s.header("User-Agent")).isEqualTo(TestSettings.UA);
        assertThat(s.endpoint()).isEqualTo("tracks_by_isrc");
        assertThat(found).extracting(Candidate::recordId).containsExactly("8291700", "6014317", "6014309");
        Candidate c = found.get(0);
        assertThat(c.title()).isEqualTo("Digital Love");
        assertThat(c.version()).isEqualTo("Original Mix");
        assertThat(c.bpm()).isEqualTo(125.0);
        assertThat(c.keyName()).isEqualTo("A Major");
        assertThat(c.key()).isEqualTo(9);
        assertThat(c.mode()).isEqualTo(1);
        assertThat(c.genres()).containsExactly("Dance / Pop");
        assertThat(c.label()).isEqualTo("Daft Life Ltd./ADA France");
        assertThat(c.releaseDate()).isEqualTo("2001-03-12");
        assertThat(c.durationMs()).isEqualTo(301373);
        assertThat(c.ids()).containsEntry("beatport", "8291700").containsEntry("isrc", "GBDUW0000058");
    }

    @Test
    void flatMinorKeysAndHalfTimeBpmParseAsRecorded() {
        List<Candidate> found = BeatportParser.list(tree("tracks-filter-name-feeling-artist-newtone.json"));
        assertThat(found).hasSize(2);
        assertThat(found.get(0).genres()).containsExactly("Techno (Peak Time / Driving)");
        assertThat(found.get(0).key()).isEqualTo(4); // E Major
        assertThat(found.get(0).ids()).containsEntry("isrc", "NL3M12513031");
        Candidate dnb = found.get(1);
        assertThat(dnb.bpm()).isEqualTo(87.0);
        assertThat(dnb.keyName()).isEqualTo("Gb Minor");
        assertThat(dnb.key()).isEqualTo(6);
        assertThat(dnb.mode()).isEqualTo(0);
        assertThat(dnb.artists()).containsExactly("Newtone", "4LV");
        assertThat(dnb.label()).isEqualTo("Secret Family");
    }

    @Test
    void searchSendsArtistAndTitleAsOneQueryOfTypeTracks() throws Exception {
        // the kit has no recorded /v4/catalog/search body; a tracks list answer stands in (the parser reads both shapes)
        http.reply(200, FIXTURES.body("tracks-filter-artist-kaspitzky-name-elevate.json"));

        Candidate c = client.lookup(text("Kashpitzky", "Elevate")).get(0);

        assertThat(http.last().uri()).isEqualTo("https://api.beatport.com/v4/catalog/search?q=Kashpitzky%20Elevate&type=tracks&per_page=10");
        assertThat(http.last().endpoint()).isEqualTo("search");
        assertThat(c.recordId()).isEqualTo("20225852");
        assertThat(c.bpm()).isEqualTo(142.0);
        assertThat(c.keyName()).isEqualTo("G Major");
        assertThat(c.key()).isEqualTo(7);
        assertThat(c.genres()).containsExactly("Techno (Raw / Deep / Hypnotic)");
        assertThat(c.label()).isEqualTo("Be As One");
        assertThat(c.ids()).containsEntry("isrc", "IL4092509501");
        assertThat(c.durationMs()).isEqualTo(326615);
        assertThat(c.releaseDate()).isEqualTo("2025-03-20");
    }

    @Test
    void trackByIdParsesTheSingleTrackObject() throws Exception {
        // /v4/catalog/tracks/{id} answers the same object as results[] items (no recorded single-track body in the kit)
        String one = Json.MAPPER.readTree(FIXTURES.body("tracks-filter-artist-kaspitzky-name-elevate.json")).path("results").get(0).toString();
        http.reply(200, one);

        Candidate c = client.lookup(ids("beatport", "20225852")).get(0);

        assertThat(http.last().uri()).isEqualTo("https://api.beatport.com/v4/catalog/tracks/20225852");
        assertThat(http.last().endpoint()).isEqualTo("track");
        assertThat(c.title()).isEqualTo("Elevate");
        assertThat(c.artist()).isEqualTo("Kashpitzky");
    }

    @Test
    void searchShapesWithTracksKeyParse() {
        JsonNode results = tree("tracks-filter-artist-kaspitzky-name-elevate.json").path("results");
        JsonNode wrapped = Json.MAPPER.createObjectNode().set("tracks", results);
        assertThat(BeatportParser.list(wrapped)).extracting(Candidate::recordId).containsExactly("20225852");
    }

    @Test
    void noResultsIsAnEmptyAnswer() throws Exception {
        http.reply(200, FIXTURES.body("tracks-filter-no-results.json"));
        assertThat(client.lookup(ids("isrc", "ZZZZZ0000000"))).isEmpty();
    }

    @Test
    void errorsMapToClasses() {
        http.reply(403, FIXTURES.body("error-403-permission-denied.json"));
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CAPABILITY_MISSING);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("You do not have permission to perform this action.");
                });
        // no recorded Beatport 401/429 bodies exist: Django REST Framework's standard messages
        http.reply(401, "{\"detail\":\"Authentication credentials were not provided.\"}");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
        http.reply(429, "{\"detail\":\"Request was throttled. Expected available in 30 seconds.\"}", "Retry-After", "30");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30));
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
