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

/** Discogs requests (token auth, search, release) and every recorded Discogs body. */
class DiscogsClientTest {
    @RegisterExtension
    static final FixtureBook FIXTURES = new FixtureBook("discogs",
            "search-artist-dj-healer-title-nothing-2-loose.json", "search-q-winter-falls-over-the-land-type-release-2014.json",
            "release-1-the-persuader-stockholm-2013-api.json", "release-10507194-holovr-likemind-05.json",
            "release-1503102-rick-astley-never-gonna-give-you-up.json", "release-16004480-a-clockwork-orange-soundtrack.json",
            "release-71989-james-lavelle-barcelona-023-dj-mix.json", "error-404-release-not-found.json", "error-429-rate-limit.json");

    final FixtureHttp http = new FixtureHttp();
    final Recorder listener = new Recorder();
    final DiscogsClient client = new DiscogsClient(settings(), http, "discogs-test-token", listener);

    @Test
    void searchSendsTokenAndUserAgentAndReportsRemainingQuota() throws Exception {
        http.reply(200, FIXTURES.body("search-artist-dj-healer-title-nothing-2-loose.json"),
                "X-Discogs-Ratelimit", "60", "X-Discogs-Ratelimit-Used", "1", "X-Discogs-Ratelimit-Remaining", "59");

        List<Candidate> found = client.lookup(text("DJ Healer", "Nothing 2 Loose"));

        FixtureHttp.Sent s = http.last();
        assertThat(s.uri()).isEqualTo("https://api.discogs.com/database/search?type=release&artist=DJ%20Healer&track=Nothing%202%20Loose&per_page=10");
        assertThat(s.header("Authorization")).isEqualTo("Discogs token=discogs-test-token");
        assertThat(s.header("User-Agent")).isEqualTo(TestSettings.UA);
        assertThat(s.endpoint()).isEqualTo("search");
        assertThat(listener.events).containsExactly("remaining discogs 59");
        // the master (1521183) is not a release and is left out
        assertThat(found).extracting(Candidate::recordId).containsExactly("11849140", "13416116");
        Candidate c = found.get(0);
        assertThat(c.artist()).isEqualTo("DJ Healer");
        assertThat(c.title()).isEqualTo("Nothing 2 Loose");
        assertThat(c.label()).isEqualTo("All Possible Worlds");
        assertThat(c.genres()).containsExactly("Electronic", "Ambient", "Breakbeat", "House");
        assertThat(c.releaseDate()).isEqualTo("2018");
        assertThat(found.get(1).releaseDate()).isEqualTo("2019");
        assertThat(c.ids()).containsEntry("discogs", "11849140");
    }

    @Test
    void oldSearchShapeParsesAndHomonymNumbersAreDropped() {
        List<Candidate> found = DiscogsParser.search(tree("search-q-winter-falls-over-the-land-type-release-2014.json"));
        assertThat(found).hasSize(4);
        assertThat(found.get(0).artist()).isEqualTo("Moonblood");
        assertThat(found.get(0).title()).isEqualTo("The Winter Falls Over The Land");
        assertThat(found.get(0).releaseDate()).isEqualTo("1995");
        assertThat(found.get(1).artist()).isEqualTo("Isenheim / Uruk-Hai");
        assertThat(found.get(2).releaseDate()).isNull();
        assertThat(found.get(3).label()).isEqualTo("Goat Moon Worship Records");
        assertThat(found.get(3).genres()).containsExactly("Rock", "Black Metal");
    }

    @Test
    void releaseLookupGivesOneCandidatePerTrack() throws Exception {
        http.reply(200, FIXTURES.body("release-1-the-persuader-stockholm-2013-api.json"));

        List<Candidate> tracks = client.lookup(ids("discogs", "1"));

        assertThat(http.last().uri()).isEqualTo("https://api.discogs.com/releases/1");
        assertThat(http.last().endpoint()).isEqualTo("release");
        assertThat(tracks.get(0).title()).isEqualTo("Östermalm");
        assertThat(tracks.get(0).durationMs()).isEqualTo(285000);
        assertThat(tracks).allSatisfy(c -> {
            assertThat(c.artist()).isEqualTo("The Persuader"); // "Persuader, The"
            assertThat(c.label()).isEqualTo("Svek");
            assertThat(c.genres()).containsExactly("Electronic", "Deep House");
            assertThat(c.releaseDate()).isEqualTo("1999-03"); // "1999-03-00": day unknown
            assertThat(c.recordId()).isEqualTo("1");
        });
    }

    @Test
    void releaseBodiesOfEveryEraParse() {
        List<Candidate> holovr = DiscogsParser.release(tree("release-10507194-holovr-likemind-05.json"));
        assertThat(holovr).extracting(Candidate::title).containsExactly("Split Infinity", "Hillraiser");
        assertThat(holovr).allSatisfy(c -> assertThat(c.durationMs()).as("empty duration").isNull());
        assertThat(holovr.get(0).label()).isEqualTo("Likemind");
        assertThat(holovr.get(0).genres()).containsExactly("Electronic", "Techno", "Abstract");
        assertThat(holovr.get(0).releaseDate()).isEqualTo("2017-07");

        List<Candidate> astley = DiscogsParser.release(tree("release-1503102-rick-astley-never-gonna-give-you-up.json"));
        assertThat(astley.get(0).title()).isEqualTo("Never Gonna Give You Up (Cake Mix)");
        assertThat(astley.get(0).version()).isEqualTo("Cake Mix");
        assertThat(astley.get(0).durationMs()).isEqualTo(348000);
        assertThat(astley.get(1).version()).isEqualTo("Instrumental");
        assertThat(astley.get(2).version()).isNull();
        assertThat(astley.get(0).label()).isEqualTo("RCA Victor");
        assertThat(astley.get(0).releaseDate()).isEqualTo("1987");

        List<Candidate> clockwork = DiscogsParser.release(tree("release-16004480-a-clockwork-orange-soundtrack.json"));
        assertThat(clockwork.get(0).artist()).isEqualTo("Walter Carlos"); // per-track artist beats "Various"
        assertThat(clockwork.get(0).durationMs()).isEqualTo(146000);
        assertThat(clockwork.get(0).releaseDate()).as("released null, year 0").isNull();
        assertThat(clockwork.get(0).genres()).contains("Electronic", "Soundtrack");

        JsonNode gu = tree("release-71989-james-lavelle-barcelona-023-dj-mix.json");
        List<Candidate> mix = DiscogsParser.release(gu);
        long playable = 0;
        for (JsonNode t : gu.path("tracklist")) if ("track".equals(t.path("type_").asText())) playable++;
        assertThat(mix).hasSize((int) playable).isNotEmpty();
        assertThat(mix).extracting(Candidate::title).doesNotContainNull();
        assertThat(mix.get(1).artist()).isEqualTo("Layo & Bushwacka!");
        assertThat(mix.get(2).artists()).containsExactly("Force Mass Motion", "Dylan Rhymes");
        assertThat(mix.get(0).label()).isEqualTo("Global Underground"); // "Global Underground (3)"
        assertThat(mix.get(0).releaseDate()).isEqualTo("2002-09-30");
    }

    @Test
    void errorsMapToClasses() {
        http.reply(429, FIXTURES.body("error-429-rate-limit.json"),
                "X-Discogs-Ratelimit", "60", "X-Discogs-Ratelimit-Used", "60", "X-Discogs-Ratelimit-Remaining", "0");
        assertThatThrownBy(() -> client.lookup(text("DJ Healer", "Nothing 2 Loose")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isNull();
                    assertThat(e.getMessage()).contains("You are making requests too quickly.");
                });
        assertThat(listener.events).containsExactly("remaining discogs 0");

        http.reply(404, FIXTURES.body("error-404-release-not-found.json"));
        assertThatThrownBy(() -> client.lookup(ids("discogs", "999999999")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("Release not found.");
                });

        http.reply(401, "{\"message\": \"You must authenticate to access this resource.\"}");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
    }

    @Test
    void isrcAloneIsNotSomethingDiscogsCanLookUp() throws Exception {
        assertThat(client.lookup(ids("isrc", "GBDUW0000058"))).isEmpty();
        assertThat(http.sent).isEmpty();
    }

    static JsonNode tree(String file) {
        try {
            return Json.MAPPER.readTree(FIXTURES.body(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
