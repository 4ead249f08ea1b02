package io.songnodes.enrich.provider;

import static io.songnodes.enrich.provider.TestSettings.both;
import static io.songnodes.enrich.provider.TestSettings.ids;
import static io.songnodes.enrich.provider.TestSettings.settings;
import static io.songnodes.enrich.provider.TestSettings.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Spotify requests (token, search, track, audio-features) and every recorded Spotify body. */
class SpotifyClientTest {
    @RegisterExtension
    static final FixtureBook FIXTURES = new FixtureBook("spotify",
            "token-client-credentials-200.json", "token-client-credentials-docs-example.json", "error-token-invalid-client.json",
            "search-type-track-happy-album-artist-filter.json", "search-type-track-no-results.json",
            "search-type-track-q-uptown-limit-2.json", "search-type-track-q-wanna-know-limit-20.json",
            "track-1zHlj4dQ8ZAtrayhuDDmkY-pitbull-timber.json", "track-3jfr0TF6DQcOLat8gGn7E2-2014.json",
            "track-3jfr0TF6DQcOLat8gGn7E2-market-ES-arctic-monkeys-do-i-wanna-know.json",
            "track-6NPVjNh8Jhru9xOmyQigds-pharrell-happy.json", "track-6fi8e1nv4QBqODf9puRcyX-market-ES.json",
            "audio-features-06AKEBrKUckW0KREUWRnvT-docs-example.json", "audio-features-11dFghVXANMlKmJXsNCbNl.json",
            "audio-features-1zHlj4dQ8ZAtrayhuDDmkY-pitbull-timber.json",
            "audio-features-3jfr0TF6DQcOLat8gGn7E2-arctic-monkeys-do-i-wanna-know.json", "audio-features-several-ids.json",
            "error-404-resource-not-found.json", "error-429-rate-limit.json");
    static final String TOKEN_2017 = "BQBj_AiSFlKCkNIMbCWEYjuJLl6n76QmVsHU6MGDgTUBLZqNiKZ4ALs6Kvm6ulbsW9O81JDdIHyXBndXyhUOxg";

    final FixtureHttp http = new FixtureHttp();
    final Recorder listener = new Recorder();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T04:00:00Z"));
    final SpotifyClient client = new SpotifyClient(settings(), http, "client-id", "client-secret", listener, clock);

    private FixtureHttp ok(String file, String... headers) { return http.reply(200, FIXTURES.body(file), headers); }

    @Test
    void searchFetchesTokenThenSendsFieldFilteredQueryAndSwitchesOffAudioFeaturesOn403() throws Exception {
        ok("token-client-credentials-200.json");
        ok("search-type-track-happy-album-artist-filter.json");
        http.reply(403, "");

        List<Candidate> found = client.lookup(text("Pharrell Williams", "Happy"));

        FixtureHttp.Sent token = http.sent.get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.uri()).isEqualTo("https://accounts.spotify.com/api/token");
        assertThat(token.endpoint()).isEqualTo("token");
        assertThat(token.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("client-id:client-secret".getBytes(StandardCharsets.UTF_8)));
        assertThat(token.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(token.body()).isEqualTo("grant_type=client_credentials");
        assertThat(token.header("User-Agent")).isEqualTo(TestSettings.UA);

        FixtureHttp.Sent search = http.sent.get(1);
        assertThat(search.uri()).isEqualTo("https://api.spotify.com/v1/search?q=track%3A%22Happy%22%20artist%3A%22Pharrell%20Williams%22&type=track&limit=10");
        assertThat(search.header("Authorization")).isEqualTo("Bearer " + TOKEN_2017);
        assertThat(search.header("User-Agent")).isEqualTo(TestSettings.UA);
        assertThat(search.endpoint()).isEqualTo("search");

        assertThat(http.sent.get(2).uri()).isEqualTo("https://api.spotify.com/v1/audio-features/6NPVjNh8Jhru9xOmyQigds");
        assertThat(http.sent.get(2).endpoint()).isEqualTo("audio_features");

        assertThat(found).hasSize(1);
        Candidate c = found.get(0);
        assertThat(c.recordId()).isEqualTo("6NPVjNh8Jhru9xOmyQigds");
        assertThat(c.ids()).containsEntry("spotify", "6NPVjNh8Jhru9xOmyQigds").containsEntry("isrc", "USQ4E1300686");
        assertThat(c.artists()).containsExactly("Pharrell Williams");
        assertThat(c.title()).isEqualTo("Happy");
        assertThat(c.durationMs()).isEqualTo(233305);
        assertThat(c.bpm()).isNull();
        assertThat(client.audioFeaturesSwitchedOff()).isTrue();
        assertThat(listener.events).containsExactly("off spotify audio_features");

        // switched off for the run: the next lookup asks neither audio-features nor a new token
        ok("search-type-track-no-results.json");
        assertThat(client.lookup(text("duifhjslkef", "lkajsdflakjsd"))).isEmpty();
        assertThat(http.sent).hasSize(4);
        assertThat(http.last().endpoint()).isEqualTo("search");
        assertThat(listener.events).hasSize(1);
    }

    @Test
    void capabilitySwitchedOffByTheResilienceLayerAlsoLeavesCandidatesStanding() throws Exception {
        ok("token-client-credentials-200.json");
        ok("track-1zHlj4dQ8ZAtrayhuDDmkY-pitbull-timber.json");
        http.fail(new ProviderException("spotify", Kind.CAPABILITY_MISSING, 403, null, "audio_features switched off"));

        List<Candidate> found = client.lookup(ids("spotify", "1zHlj4dQ8ZAtrayhuDDmkY"));

        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.ids()).containsEntry("isrc", "USRC11301695");
            assertThat(c.bpm()).isNull();
        });
        assertThat(listener.events).containsExactly("off spotify audio_features");
    }

    @Test
    void trackByIdIsCompletedFromAudioFeatures() throws Exception {
        ok("token-client-credentials-docs-example.json");
        ok("track-1zHlj4dQ8ZAtrayhuDDmkY-pitbull-timber.json");
        ok("audio-features-1zHlj4dQ8ZAtrayhuDDmkY-pitbull-timber.json");

        Candidate c = client.lookup(ids("spotify", "1zHlj4dQ8ZAtrayhuDDmkY")).get(0);

        assertThat(http.sent.get(1).uri()).isEqualTo("https://api.spotify.com/v1/tracks/1zHlj4dQ8ZAtrayhuDDmkY");
        assertThat(http.sent.get(1).endpoint()).isEqualTo("track");
        assertThat(http.sent.get(1).header("Authorization")).startsWith("Bearer taHZ2SdB-bPA3FsK3D7ZN5npZS47cMy");
        assertThat(http.sent.get(2).uri()).isEqualTo("https://api.spotify.com/v1/audio-features/1zHlj4dQ8ZAtrayhuDDmkY");
        assertThat(c.title()).isEqualTo("Timber");
        assertThat(c.artists()).containsExactly("Pitbull", "Ke$ha");
        assertThat(c.artist()).isEqualTo("Pitbull, Ke$ha");
        assertThat(c.ids()).containsEntry("isrc", "USRC11301695");
        assertThat(c.durationMs()).isEqualTo(204053);
        assertThat(c.bpm()).isEqualTo(129.972);
        assertThat(c.key()).isEqualTo(11);
        assertThat(c.mode()).isEqualTo(1);
        assertThat(c.energy()).isEqualTo(0.965);
        assertThat(c.danceability()).isEqualTo(0.587);
        assertThat(c.valence()).isEqualTo(0.818);
    }

    @Test
    void relinkedTrackKeepsTheIdThatWasAskedFor() throws Exception {
        ok("token-client-credentials-200.json");
        ok("track-3jfr0TF6DQcOLat8gGn7E2-market-ES-arctic-monkeys-do-i-wanna-know.json");
        ok("audio-features-3jfr0TF6DQcOLat8gGn7E2-arctic-monkeys-do-i-wanna-know.json");

        Candidate c = client.lookup(ids("spotify", "3jfr0TF6DQcOLat8gGn7E2")).get(0);

        // the body says id 5FVd6KXrgO9B3JPmC8OPst, linked_from.id 3jfr0TF6DQcOLat8gGn7E2
        assertThat(c.recordId()).isEqualTo("3jfr0TF6DQcOLat8gGn7E2");
        assertThat(c.ids()).containsEntry("spotify", "3jfr0TF6DQcOLat8gGn7E2").containsEntry("isrc", "GBCEL1300362");
        assertThat(c.title()).isEqualTo("Do I Wanna Know?");
        assertThat(c.bpm()).isEqualTo(85.03);
        assertThat(c.key()).isEqualTo(5);
        assertThat(c.mode()).isEqualTo(1);
    }

    @Test
    void olderTrackShapesParse() {
        Candidate old = SpotifyParser.track(tree("track-3jfr0TF6DQcOLat8gGn7E2-2014.json"), null);
        assertThat(old.recordId()).isEqualTo("3jfr0TF6DQcOLat8gGn7E2");
        assertThat(old.durationMs()).isEqualTo(272394);
        assertThat(old.ids()).containsEntry("isrc", "GBCEL1300362");

        Candidate happy = SpotifyParser.track(tree("track-6NPVjNh8Jhru9xOmyQigds-pharrell-happy.json"), null);
        assertThat(happy.releaseDate()).isEqualTo("2013-06-18");
        assertThat(happy.ids()).containsEntry("isrc", "USQ4E1300686");
    }

    @Test
    void audioFeaturesWithout404StillReturnTheTrack() throws Exception {
        ok("token-client-credentials-200.json");
        ok("track-6fi8e1nv4QBqODf9puRcyX-market-ES.json");
        http.reply(404, FIXTURES.body("error-404-resource-not-found.json"));

        Candidate c = client.lookup(ids("spotify", "6fi8e1nv4QBqODf9puRcyX")).get(0);

        assertThat(c.title()).isEqualTo("Stuck Together Pieces");
        assertThat(c.artists()).containsExactly("Atoms For Peace");
        assertThat(c.ids()).containsEntry("isrc", "GB4YG1200015");
        assertThat(c.durationMs()).isEqualTo(328443);
        assertThat(c.bpm()).isNull();
        assertThat(client.audioFeaturesSwitchedOff()).isFalse();
    }

    @Test
    void isrcLookupSearchesWithIsrcFilterAndBatchesAudioFeatures() throws Exception {
        ok("token-client-credentials-200.json");
        ok("search-type-track-q-wanna-know-limit-20.json");
        ok("audio-features-several-ids.json");

        List<Candidate> found = client.lookup(ids("isrc", "gbcel1300362"));

        assertThat(http.sent.get(1).uri()).isEqualTo("https://api.spotify.com/v1/search?q=isrc%3AGBCEL1300362&type=track&limit=10");
        assertThat(found).hasSize(20);
        assertThat(found.get(0).recordId()).isEqualTo("5FVd6KXrgO9B3JPmC8OPst");
        assertThat(found.get(0).ids()).containsEntry("isrc", "GBCEL1300362");
        // one ISRC, two Spotify ids (Joe - I Wanna Know)
        assertThat(found).filteredOn(c -> "USJI10000057".equals(c.id("isrc"))).extracting(Candidate::recordId)
                .containsExactly("6ctr1K7KzKErxbfGAynL8A", "1m2xMsxbtxv21Brome189p");
        String batch = http.sent.get(2).uri();
        assertThat(batch).startsWith("https://api.spotify.com/v1/audio-features?ids=5FVd6KXrgO9B3JPmC8OPst,7bPLo5Fv7h15E2fW3g1mVQ,");
        assertThat(batch.substring(batch.indexOf("=") + 1).split(",")).hasSize(20).doesNotHaveDuplicates();
        // the batch answer is for other ids: no candidate gets features it does not own
        assertThat(found).allSatisfy(c -> assertThat(c.bpm()).isNull());
    }

    @Test
    void searchPageWithTwoHitsParsesBoth() throws Exception {
        ok("token-client-credentials-200.json");
        ok("search-type-track-q-uptown-limit-2.json");
        ok("audio-features-several-ids.json");

        List<Candidate> found = client.lookup(text("Mark Ronson", "Uptown Funk"));

        assertThat(found).extracting(Candidate::recordId).containsExactly("4rmPQGwcLQjCoFq5NrTA0D", "3CSpzkoL1XgDBZ1q9aDCUV");
        assertThat(found.get(0).artists()).containsExactly("Mark Ronson", "Bruno Mars");
        assertThat(found.get(0).ids()).containsEntry("isrc", "GBARL1401524");
        assertThat(found.get(1).durationMs()).isEqualTo(194866);
        assertThat(http.last().uri()).isEqualTo("https://api.spotify.com/v1/audio-features?ids=4rmPQGwcLQjCoFq5NrTA0D,3CSpzkoL1XgDBZ1q9aDCUV");
    }

    @Test
    void audioFeatureBodiesParse() {
        SpotifyParser.Features docs = SpotifyParser.features(tree("audio-features-06AKEBrKUckW0KREUWRnvT-docs-example.json"));
        assertThat(docs).isEqualTo(new SpotifyParser.Features("06AKEBrKUckW0KREUWRnvT", 98.002, 5, 0, 0.578, 0.735, 0.624));
        SpotifyParser.Features f = SpotifyParser.features(tree("audio-features-11dFghVXANMlKmJXsNCbNl.json"));
        assertThat(f).isEqualTo(new SpotifyParser.Features("11dFghVXANMlKmJXsNCbNl", 114.944, 2, 1, 0.905, 0.696, 0.625));
        assertThat(SpotifyParser.featuresBatch(tree("audio-features-several-ids.json")))
                .containsOnlyKeys("1zHlj4dQ8ZAtrayhuDDmkY", "7ouMYWpwJ422jRcDASZB7P", "4VqPOruhp5EdPBeR92t6lQ")
                .hasEntrySatisfying("1zHlj4dQ8ZAtrayhuDDmkY", x -> assertThat(x.tempo()).isEqualTo(129.972));
        // key -1 means no key was detected
        SpotifyParser.Features none = SpotifyParser.features(Json.MAPPER.createObjectNode().put("id", "x").put("key", -1).put("mode", 1).put("tempo", 0));
        assertThat(none.key()).isNull();
        assertThat(none.mode()).isNull();
        assertThat(none.tempo()).isNull();
    }

    @Test
    void rateLimitCarriesRetryAfterAndAnEmpty429BodyStillClassifies() throws Exception {
        ok("token-client-credentials-200.json");
        http.reply(429, FIXTURES.body("error-429-rate-limit.json"), "Retry-After", "13");
        assertThatThrownBy(() -> client.lookup(text("Arctic Monkeys", "Do I Wanna Know?")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(13));
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.getMessage()).contains("API rate limit exceeded");
                });

        http.reply(429, "");
        assertThatThrownBy(() -> client.lookup(text("Arctic Monkeys", "Do I Wanna Know?")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isNull();
                });
    }

    @Test
    void unknownIdIsNotFoundUnlessTextCanStillBeSearched() throws Exception {
        ok("token-client-credentials-200.json");
        http.reply(404, FIXTURES.body("error-404-resource-not-found.json"));
        assertThatThrownBy(() -> client.lookup(ids("spotify", "0000000000000000000000")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("Resource not found");
                });

        http.reply(404, FIXTURES.body("error-404-resource-not-found.json"));
        http.reply(200, FIXTURES.body("search-type-track-no-results.json"));
        assertThat(client.lookup(both("Nobody", "Nothing", "spotify", "0000000000000000000000"))).isEmpty();
        assertThat(http.last().endpoint()).isEqualTo("search");
    }

    @Test
    void invalidClientIsPermanent() {
        http.reply(400, FIXTURES.body("error-token-invalid-client.json"));
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("invalid_client").contains("Invalid client");
                });
    }

    @Test
    void tokenIsReusedUntilShortlyBeforeExpiryThenRefreshed() throws Exception {
        ok("token-client-credentials-200.json");
        ok("search-type-track-no-results.json");
        client.lookup(text("A", "B"));
        clock.advance(Duration.ofSeconds(3539)); // expires_in 3600, refreshed 60 s early
        ok("search-type-track-no-results.json");
        client.lookup(text("A", "B"));
        assertThat(http.sent).extracting(FixtureHttp.Sent::endpoint).containsExactly("token", "search", "search");

        clock.advance(Duration.ofSeconds(2));
        ok("token-client-credentials-docs-example.json");
        ok("search-type-track-no-results.json");
        client.lookup(text("A", "B"));
        assertThat(http.sent).extracting(FixtureHttp.Sent::endpoint).containsExactly("token", "search", "search", "token", "search");
        assertThat(http.last().header("Authorization")).startsWith("Bearer taHZ2SdB");
    }

    @Test
    void a401RefreshesTheTokenOnceThenGivesUp() throws Exception {
        ok("token-client-credentials-200.json");
        http.reply(401, "{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}");
        ok("token-client-credentials-docs-example.json");
        ok("search-type-track-no-results.json");
        assertThat(client.lookup(text("A", "B"))).isEmpty();
        assertThat(http.sent).extracting(FixtureHttp.Sent::endpoint).containsExactly("token", "search", "token", "search");

        http.reply(401, "");
        ok("token-client-credentials-200.json");
        http.reply(401, "");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
    }

    @Test
    void serverErrorsAndMalformedBodiesAreTransient() {
        ok("token-client-credentials-200.json");
        http.reply(502, "<html>Bad Gateway</html>");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
        http.reply(200, "{\"tracks\":{\"items\":[");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                    assertThat(e.getMessage()).contains("malformed JSON");
                });
    }

    static com.fasterxml.jackson.databind.JsonNode tree(String file) {
        try {
            return Json.MAPPER.readTree(FIXTURES.body(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
