package io.songnodes.tools.sim;

import static io.songnodes.tools.sim.SimTestSupport.get;
import static io.songnodes.tools.sim.SimTestSupport.json;
import static io.songnodes.tools.sim.SimTestSupport.paths;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.testing.TeamKit;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog mode serves each provider's real shape: every key path of the recorded fixture body is present in the
 * simulated body (minus a few listed fields the catalog cannot know), and the values come from the catalog.
 */
class CatalogShapesITCase {
    private static ProviderSimulator sim;
    private static String base;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().catalog(SimTestSupport.catalog()).enforceLimits(false).build());
        base = sim.baseUrl();
    }

    @AfterAll
    static void stop() { sim.close(); }

    private static JsonNode fixture(String provider, String file) throws IOException {
        return json(Files.readString(TeamKit.providers().resolve(provider).resolve(file)));
    }

    /** Asserts that {@code ours} has every key path of {@code recorded} except {@code absent}. */
    private static void assertShape(JsonNode recorded, JsonNode ours, String... absent) {
        Set<String> missing = new TreeSet<>(paths(recorded));
        missing.removeAll(paths(ours));
        missing.removeIf(p -> {
            for (String a : absent) if (p.equals(a) || p.startsWith(a + ".") || p.startsWith(a + "[]")) return true;
            return false;
        });
        assertThat(missing).as("key paths of the recorded body missing from the simulated one").isEmpty();
    }

    @Test
    void spotifyToken() throws Exception {
        HttpResponse<String> r = SimTestSupport.post(base + "/api/token", "grant_type=client_credentials",
                "Authorization", "Basic Y2xpZW50OnNlY3JldA==", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).isEqualTo(200);
        assertShape(fixture("spotify", "token-client-credentials-200.json"), json(r));
        assertThat(json(r).path("expires_in").asInt()).isEqualTo(3600);
        HttpResponse<String> noClient = SimTestSupport.post(base + "/api/token", "grant_type=client_credentials");
        assertThat(noClient.statusCode()).isEqualTo(400);
        assertShape(fixture("spotify", "error-token-invalid-client.json"), json(noClient));
    }

    @Test
    void spotifySearchListsEveryVersionOfTheSong() throws Exception {
        HttpResponse<String> r = get(base + "/v1/search?type=track&limit=10&q=" + enc("artist:\"Cosmic Gate\" track:\"Come With Me\""),
                "Authorization", "Bearer t");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.has("tracks")).as(r.body()).isTrue();
        assertShape(fixture("spotify", "search-type-track-q-uptown-limit-2.json"), body);
        assertThat(body.path("tracks").path("items")).extracting(n -> n.path("name").asText())
                .containsExactlyInAnyOrder("Come With Me", "Come With Me - Extended Mix", "Come With Me - Radio Edit");
        assertThat(body.path("tracks").path("items").get(0).path("id").asText()).isEqualTo("1honw3D3A6aQou1T76mAbr");
        assertThat(body.path("tracks").path("total").asInt()).isEqualTo(3);
        assertThat(body.path("tracks").path("items").get(0).path("external_ids").path("isrc").asText()).isEqualTo("DEAA11900001");

        HttpResponse<String> none = get(base + "/v1/search?type=track&q=" + enc("artist:\"Nobody\" track:\"Nothing\""), "Authorization", "Bearer t");
        assertShape(fixture("spotify", "search-type-track-no-results.json"), json(none));
        assertThat(json(none).path("tracks").path("total").asInt()).isZero();

        HttpResponse<String> tooMany = get(base + "/v1/search?type=track&limit=20&q=x", "Authorization", "Bearer t");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(get(base + "/v1/search?type=track&q=x").statusCode()).as("no bearer token").isEqualTo(401);
    }

    @Test
    void spotifyTrackAndAudioFeatures() throws Exception {
        HttpResponse<String> r = get(base + "/v1/tracks/1honw3D3A6aQou1T76mAbr", "Authorization", "Bearer t");
        assertThat(r.statusCode()).isEqualTo(200);
        assertShape(fixture("spotify", "track-6NPVjNh8Jhru9xOmyQigds-pharrell-happy.json"), json(r));
        assertThat(json(r).path("duration_ms").asInt()).isEqualTo(545377);
        assertThat(json(r).path("artists").get(0).path("name").asText()).isEqualTo("Cosmic Gate");

        HttpResponse<String> af = get(base + "/v1/audio-features/1honw3D3A6aQou1T76mAbr", "Authorization", "Bearer t");
        assertShape(fixture("spotify", "audio-features-11dFghVXANMlKmJXsNCbNl.json"), json(af));
        assertThat(json(af).path("tempo").asDouble()).isEqualTo(127.995);
        assertThat(json(af).path("key").asInt()).isEqualTo(7);
        assertThat(json(af).path("mode").asInt()).isZero();

        HttpResponse<String> several = get(base + "/v1/audio-features?ids=1honw3D3A6aQou1T76mAbr,0000000000000000000000", "Authorization", "Bearer t");
        assertShape(fixture("spotify", "audio-features-several-ids.json"), json(several));
        assertThat(json(several).path("audio_features").get(1).isNull()).isTrue();

        HttpResponse<String> missing = get(base + "/v1/tracks/0000000000000000000000", "Authorization", "Bearer t");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertShape(fixture("spotify", "error-404-resource-not-found.json"), json(missing));
    }

    @Test
    void musicBrainzSearchIsrcAndRecording() throws Exception {
        HttpResponse<String> r = get(base + "/ws/2/recording?fmt=json&limit=5&query=" + enc("artist:\"Cosmic Gate\" AND recording:\"Come With Me\""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertShape(fixture("musicbrainz", "recording-search-get-lucky-daft-punk.json"), json(r),
                "recordings[].artist-credit[].artist.aliases");
        assertThat(json(r).path("count").asInt()).as("only versions carrying an MBID").isEqualTo(2);
        assertThat(json(r).path("recordings").get(0).path("id").asText()).isEqualTo(SimTestSupport.MB_COME_WITH_ME);

        HttpResponse<String> isrc = get(base + "/ws/2/isrc/DEAA11900002?fmt=json");
        assertShape(fixture("musicbrainz", "isrc-lookup-USQX91300108-daft-punk-get-lucky.json"), json(isrc),
                "recordings[].artist-credit[].artist.country");
        assertThat(json(isrc).path("recordings").get(0).path("title").asText()).isEqualTo("Come With Me (Extended Mix)");

        HttpResponse<String> rec = get(base + "/ws/2/recording/" + SimTestSupport.MB_COME_WITH_ME + "?fmt=json&inc=isrcs+releases+artist-credits+tags+genres");
        assertShape(fixture("musicbrainz", "recording-lookup-833f00e1-daft-punk-get-lucky.json"), json(rec),
                "releases[].release-group.releases",
                "releases[].release-group.first-release-date", "releases[].release-group.artist-credit", "releases[].release-group.disambiguation",
                "artist-credit[].artist.country", "releases[].artist-credit[].artist.country");
        assertShape(fixture("musicbrainz", "recording-lookup-9408b8ce-calexico-alone-again-or-tags-genres.json"), json(rec),
                "relations", "rating", "releases", "artist-credit[].artist.country", "artist-credit[].artist.genres", "artist-credit[].artist.tags");
        assertThat(json(rec).path("isrcs").get(0).asText()).isEqualTo("DEAA11900001");
        assertThat(json(rec).path("genres")).extracting(n -> n.path("name").asText()).contains("trance");

        HttpResponse<String> unknown = get(base + "/ws/2/isrc/XX0000000000?fmt=json");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown)).isEqualTo(fixture("musicbrainz", "isrc-lookup-404-not-found.json"));
        HttpResponse<String> unknownRec = get(base + "/ws/2/recording/00000000-0000-0000-0000-000000000000?fmt=json");
        assertThat(json(unknownRec)).isEqualTo(fixture("musicbrainz", "error-404-not-found.json"));
    }

    @Test
    void discogsSearchAndRelease() throws Exception {
        HttpResponse<String> r = get(base + "/database/search?type=release&artist=" + enc("Cosmic Gate") + "&track=" + enc("Come With Me"),
                "Authorization", "Discogs token=abc");
        assertThat(r.statusCode()).isEqualTo(200);
        assertShape(fixture("discogs", "search-artist-dj-healer-title-nothing-2-loose.json"), json(r));
        assertThat(json(r).path("pagination").path("items").asInt()).isEqualTo(2);

        HttpResponse<String> rel = get(base + "/releases/13950001", "Authorization", "Discogs token=abc");
        assertShape(fixture("discogs", "release-10507194-holovr-likemind-05.json"), json(rel),
                "artists[].thumbnail_url", "labels[].thumbnail_url", "images", "date_added", "date_changed", "num_for_sale",
                "lowest_price", "videos", "notes", "estimated_weight", "blocked_from_sale", "is_offensive", "master_id", "master_url");
        assertThat(json(rel).path("tracklist").get(0).path("duration").asText()).isEqualTo("9:05");
        assertThat(json(rel).path("labels").get(0).path("name").asText()).isEqualTo("Armada Music");

        HttpResponse<String> missing = get(base + "/releases/99999999", "Authorization", "Discogs token=abc");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing)).isEqualTo(fixture("discogs", "error-404-release-not-found.json"));
        assertThat(get(base + "/database/search?q=x").statusCode()).as("search without token").isEqualTo(401);
    }

    @Test
    void lastfmTrackGetInfo() throws Exception {
        HttpResponse<String> r = get(base + "/2.0/?method=track.getInfo&format=json&api_key=k&artist=" + enc("Cosmic Gate") + "&track=" + enc("Come With Me"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertShape(fixture("lastfm", "track-getinfo-the-police-roxanne.json"), json(r), "track.wiki");
        assertThat(json(r).path("track").path("mbid").asText()).isEqualTo(SimTestSupport.MB_COME_WITH_ME);
        assertThat(json(r).path("track").path("toptags").path("tag")).extracting(n -> n.path("name").asText()).contains("trance");

        HttpResponse<String> miss = get(base + "/2.0/?method=track.getInfo&format=json&api_key=k&artist=Nobody&track=Nothing");
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(json(miss)).isEqualTo(fixture("lastfm", "error-6-track-not-found.json"));
    }

    @Test
    void deezerSearchTrackAndIsrc() throws Exception {
        HttpResponse<String> r = get(base + "/search?q=" + enc("artist:\"Cosmic Gate\" track:\"Come With Me\""));
        assertThat(r.statusCode()).isEqualTo(200);
        assertShape(fixture("deezer", "search-q-billy-jean-limit-3.json"), json(r), "next");
        assertThat(json(r).path("data")).extracting(n -> n.path("title").asText())
                .containsExactlyInAnyOrder("Come With Me", "Come With Me (Extended Mix)", "Come With Me (Radio Edit)");

        HttpResponse<String> t = get(base + "/track/3135002");
        assertShape(fixture("deezer", "track-3135556-daft-punk-harder-better-faster-stronger.json"), json(t));
        assertThat(json(t).path("title_version").asText()).isEqualTo("(Extended Mix)");
        assertThat(json(t).path("isrc").asText()).isEqualTo("DEAA11900002");

        HttpResponse<String> byIsrc = get(base + "/track/isrc:DEAA11900003");
        assertThat(json(byIsrc).path("id").asLong()).isEqualTo(3135003L);

        HttpResponse<String> miss = get(base + "/track/1");
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(json(miss)).isEqualTo(fixture("deezer", "error-track-not-found-200-dataexception-800.json"));
    }

    @Test
    void beatportSearchTrackAndIsrcFilter() throws Exception {
        JsonNode recorded = fixture("beatport", "tracks-filter-name-feeling-artist-newtone.json");
        HttpResponse<String> f = get(base + "/v4/catalog/tracks/?name=" + enc("Come With Me") + "&artist_name=" + enc("Cosmic Gate"),
                "Authorization", "Bearer t");
        assertThat(f.statusCode()).isEqualTo(200);
        assertShape(recorded, json(f));
        assertThat(json(f).path("count").asInt()).isEqualTo(3);
        assertThat(json(f).path("results")).extracting(n -> n.path("mix_name").asText())
                .containsExactlyInAnyOrder("Original Mix", "Extended Mix", "Radio Edit");

        HttpResponse<String> one = get(base + "/v4/catalog/tracks/12069065/", "Authorization", "Bearer t");
        assertShape(recorded.path("results").get(0), json(one));
        assertThat(json(one).path("bpm").asInt()).isEqualTo(128);
        assertThat(json(one).path("key").path("name").asText()).isEqualTo("G Minor");
        assertThat(json(one).path("key").path("camelot_number").asInt()).isEqualTo(6);
        assertThat(json(one).path("key").path("camelot_letter").asText()).isEqualTo("A");

        HttpResponse<String> isrc = get(base + "/v4/catalog/tracks/?isrc=USA2P1800001", "Authorization", "Bearer t");
        assertThat(json(isrc).path("results").get(0).path("mix_name").asText()).isEqualTo("Cosmic Gate Remix");
        assertThat(json(isrc).path("results").get(0).path("remixers").get(0).path("name").asText()).isEqualTo("Cosmic Gate");

        HttpResponse<String> search = get(base + "/v4/catalog/search?type=tracks&q=" + enc("Cosmic Gate Come With Me"), "Authorization", "Bearer t");
        assertThat(json(search).path("tracks")).hasSize(3);
        assertShape(recorded.path("results").get(0), json(search).path("tracks").get(0));

        HttpResponse<String> none = get(base + "/v4/catalog/tracks/?isrc=XX0000000000", "Authorization", "Bearer t");
        assertThat(json(none)).isEqualTo(fixture("beatport", "tracks-filter-no-results.json"));
        assertThat(get(base + "/v4/catalog/tracks/1/", "Authorization", "Bearer t").statusCode()).isEqualTo(404);
        assertThat(get(base + "/v4/catalog/tracks/12069065/").statusCode()).as("no bearer").isEqualTo(401);
    }

    @Test
    void providersAnswerOnlyForTracksWithTheirId() throws Exception {
        // Justice - Phantom carries only a Spotify id
        assertThat(json(get(base + "/search?q=" + enc("artist:\"Justice\" track:\"Phantom\""))).path("total").asInt()).isZero();
        assertThat(json(get(base + "/v1/search?type=track&q=" + enc("artist:\"Justice\" track:\"Phantom\""), "Authorization", "Bearer t"))
                .path("tracks").path("total").asInt()).isEqualTo(1);
        assertThat(json(get(base + "/v4/catalog/tracks/?name=Phantom&artist_name=Justice", "Authorization", "Bearer t")).path("count").asInt()).isZero();
    }

    @Test
    void providerPrefixServesTheSameApi() throws Exception {
        HttpResponse<String> r = get(base + "/deezer/track/3135001");
        assertThat(json(r).path("title").asText()).isEqualTo("Come With Me");
        assertThat(get(base + "/nowhere/at/all").statusCode()).isEqualTo(404);
    }

    static String enc(String s) { return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8); }
}
