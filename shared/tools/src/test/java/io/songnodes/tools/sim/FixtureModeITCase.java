package io.songnodes.tools.sim;

import static io.songnodes.tools.sim.SimTestSupport.get;
import static io.songnodes.tools.sim.SimTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.testing.TeamKit;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fixture mode serves the kit's recorded bodies, read at run time, for the matching real requests. */
class FixtureModeITCase {
    private static ProviderSimulator sim;
    private static String base;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().fixtures(TeamKit.providers()).enforceLimits(false).build());
        base = sim.baseUrl();
    }

    @AfterAll
    static void stop() { sim.close(); }

    private static JsonNode recorded(String path) throws IOException {
        return json(Files.readString(TeamKit.providers().resolve(path)));
    }

    private static void assertServes(String recordedPath, int status, HttpResponse<String> r) throws IOException {
        assertThat(r.statusCode()).as(recordedPath).isEqualTo(status);
        assertThat(json(r)).as(recordedPath).isEqualTo(recorded(recordedPath));
    }

    private static String enc(String s) { return CatalogShapesITCase.enc(s); }

    @Test
    void spotify() throws Exception {
        String bearer = "Bearer t";
        assertServes("spotify/token-client-credentials-200.json", 200,
                SimTestSupport.post(base + "/api/token", "grant_type=client_credentials", "Authorization", "Basic Yzpz"));
        assertServes("spotify/search-type-track-q-uptown-limit-2.json", 200, get(base + "/v1/search?type=track&limit=2&q=uptown", "Authorization", bearer));
        assertServes("spotify/search-type-track-no-results.json", 200, get(base + "/v1/search?type=track&q=zzzz", "Authorization", bearer));
        assertServes("spotify/track-6NPVjNh8Jhru9xOmyQigds-pharrell-happy.json", 200, get(base + "/v1/tracks/6NPVjNh8Jhru9xOmyQigds", "Authorization", bearer));
        assertServes("spotify/track-3jfr0TF6DQcOLat8gGn7E2-market-ES-arctic-monkeys-do-i-wanna-know.json", 200,
                get(base + "/v1/tracks/3jfr0TF6DQcOLat8gGn7E2?market=ES", "Authorization", bearer));
        assertServes("spotify/track-3jfr0TF6DQcOLat8gGn7E2-2014.json", 200, get(base + "/v1/tracks/3jfr0TF6DQcOLat8gGn7E2", "Authorization", bearer));
        assertServes("spotify/audio-features-11dFghVXANMlKmJXsNCbNl.json", 200, get(base + "/v1/audio-features/11dFghVXANMlKmJXsNCbNl", "Authorization", bearer));
        assertServes("spotify/error-404-resource-not-found.json", 404, get(base + "/v1/tracks/0000000000000000000000", "Authorization", bearer));
    }

    @Test
    void musicBrainz() throws Exception {
        assertServes("musicbrainz/recording-search-get-lucky-daft-punk.json", 200,
                get(base + "/ws/2/recording?fmt=json&limit=2&query=" + enc("recording:\"Get Lucky\" AND artist:\"Daft Punk\"")));
        assertServes("musicbrainz/isrc-lookup-USQX91300108-daft-punk-get-lucky.json", 200, get(base + "/ws/2/isrc/USQX91300108?fmt=json"));
        assertServes("musicbrainz/isrc-lookup-404-not-found.json", 404, get(base + "/ws/2/isrc/XX0000000000?fmt=json"));
        assertServes("musicbrainz/recording-lookup-833f00e1-daft-punk-get-lucky.json", 200,
                get(base + "/ws/2/recording/833f00e1-781f-4edd-90e4-e52712618862?fmt=json&inc=releases+artist-credits"));
        assertServes("musicbrainz/error-404-not-found.json", 404, get(base + "/ws/2/recording/00000000-0000-0000-0000-000000000000?fmt=json"));
    }

    @Test
    void discogs() throws Exception {
        String token = "Discogs token=t";
        assertServes("discogs/release-1503102-rick-astley-never-gonna-give-you-up.json", 200, get(base + "/releases/1503102", "Authorization", token));
        assertServes("discogs/search-artist-dj-healer-title-nothing-2-loose.json", 200,
                get(base + "/database/search?artist=" + enc("DJ Healer") + "&title=" + enc("Nothing 2 Loose"), "Authorization", token));
        assertServes("discogs/error-404-release-not-found.json", 404, get(base + "/releases/2", "Authorization", token));
    }

    @Test
    void lastfm() throws Exception {
        assertServes("lastfm/track-getinfo-the-police-roxanne.json", 200,
                get(base + "/2.0/?method=track.getInfo&format=json&api_key=k&artist=" + enc("The Police") + "&track=Roxanne"));
        assertServes("lastfm/error-6-track-not-found.json", 200,
                get(base + "/2.0/?method=track.getInfo&format=json&api_key=k&artist=Nobody&track=Nothing"));
        assertServes("lastfm/error-3-invalid-method.json", 200, get(base + "/2.0/?method=track.explode&format=json&api_key=k"));
    }

    @Test
    void deezer() throws Exception {
        assertServes("deezer/track-3135556-daft-punk-harder-better-faster-stronger.json", 200, get(base + "/track/3135556"));
        assertServes("deezer/track-3135556-daft-punk-harder-better-faster-stronger.json", 200, get(base + "/track/isrc:GBDUW0000059"));
        assertServes("deezer/search-q-billy-jean-limit-3.json", 200, get(base + "/search?q=" + enc("Billy Jean") + "&limit=3"));
        assertServes("deezer/error-track-not-found-200-dataexception-800.json", 200, get(base + "/track/1"));
    }

    @Test
    void beatport() throws Exception {
        String bearer = "Bearer t";
        assertServes("beatport/tracks-filter-isrc-GBDUW0000058-daft-punk.json", 200, get(base + "/v4/catalog/tracks/?isrc=GBDUW0000058", "Authorization", bearer));
        assertServes("beatport/tracks-filter-name-feeling-artist-newtone.json", 200,
                get(base + "/v4/catalog/tracks/?name=feeling&artist_name=Newtone", "Authorization", bearer));
        assertServes("beatport/tracks-filter-no-results.json", 200, get(base + "/v4/catalog/tracks/?name=zzzz&artist_name=zzzz", "Authorization", bearer));
        assertServes("beatport/error-403-permission-denied.json", 403, get(base + "/v4/catalog/tracks/20225852/download/", "Authorization", bearer));
        HttpResponse<String> one = get(base + "/v4/catalog/tracks/20225852/", "Authorization", bearer);
        assertThat(json(one)).isEqualTo(recorded("beatport/tracks-filter-artist-kaspitzky-name-elevate.json").path("results").get(0));
    }

    @Test
    void limitsAndFaultsApplyInFixtureModeToo() throws Exception {
        try (ProviderSimulator limited = ProviderSimulator.start(SimulatorConfig.builder().fixtures(TeamKit.providers()).build())) {
            assertThat(get(limited.baseUrl() + "/ws/2/isrc/USQX91300108?fmt=json").statusCode()).isEqualTo(200);
            assertThat(get(limited.baseUrl() + "/ws/2/isrc/USQX91300108?fmt=json").statusCode()).isEqualTo(503);
            assertThat(limited.stats(io.songnodes.enrich.ProviderName.MUSICBRAINZ).overLimit()).isEqualTo(1);
        }
    }
}
