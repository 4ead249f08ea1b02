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

/** Last.fm requests (api_key, getInfo, getTopTags) and every recorded Last.fm body, errors by body code. */
class LastfmClientTest {
    @RegisterExtension
    static final FixtureBook FIXTURES = new FixtureBook("lastfm",
            "track-getinfo-the-police-roxanne.json", "error-6-track-not-found.json", "error-6-artist-not-found.json",
            "error-3-invalid-method.json", "artist-gettoptags-multiple-electronic.json", "artist-gettoptags-empty-text-node.json",
            "track-getsimilar-depeche-mode.json", "track-getsimilar-unknown-empty.json", "artist-gettoptracks-u2.json");

    final FixtureHttp http = new FixtureHttp();
    final LastfmClient client = new LastfmClient(settings(), http, "lastfm-test-key");

    @Test
    void trackGetInfoSendsKeyAndFormatAndReadsTagsAsGenres() throws Exception {
        http.reply(200, FIXTURES.body("track-getinfo-the-police-roxanne.json"));

        List<Candidate> found = client.lookup(text("The Police", "Roxanne"));

        FixtureHttp.Sent s = http.last();
        assertThat(s.uri()).isEqualTo("https://ws.audioscrobbler.com/2.0/?method=track.getInfo&artist=The%20Police&track=Roxanne"
                + "&autocorrect=1&api_key=lastfm-test-key&format=json");
        assertThat(s.header("User-Agent")).isEqualTo(TestSettings.UA);
        assertThat(s.endpoint()).isEqualTo("track_info");
        assertThat(http.sent).hasSize(1); // tags came with getInfo: no getTopTags call
        Candidate c = found.get(0);
        assertThat(c.title()).isEqualTo("Roxanne");
        assertThat(c.artist()).isEqualTo("The Police");
        assertThat(c.durationMs()).isEqualTo(89000); // as recorded
        assertThat(c.genres()).containsExactly("rock", "classic rock", "80s", "new wave", "The Police");
        assertThat(c.recordId()).isEqualTo("https://www.last.fm/music/The+Police/_/Roxanne");
        assertThat(c.id("musicbrainz")).as("the body has no track mbid").isNull();
    }

    @Test
    void trackWithoutTagsIsCompletedFromTopTags() throws Exception {
        // a getInfo answer with an empty tag list (constructed: the kit has no such recording) to drive the second call
        http.reply(200, "{\"track\":{\"name\":\"Kat Moda\",\"url\":\"https://www.last.fm/music/Jeff+Mills/_/Kat+Moda\","
                + "\"duration\":\"0\",\"artist\":{\"name\":\"Jeff Mills\"},\"toptags\":{\"tag\":[]}}}");
        http.reply(200, FIXTURES.body("artist-gettoptags-multiple-electronic.json")); // same toptags shape as track.getTopTags

        Candidate c = client.lookup(text("Jeff Mills", "Kat Moda")).get(0);

        assertThat(http.last().uri()).isEqualTo("https://ws.audioscrobbler.com/2.0/?method=track.getTopTags&artist=Jeff%20Mills"
                + "&track=Kat%20Moda&autocorrect=1&api_key=lastfm-test-key&format=json");
        assertThat(http.last().endpoint()).isEqualTo("top_tags");
        assertThat(c.genres()).containsExactly("electronic", "experimental", "Bandcamp", "ambient", "psychedelic");
        assertThat(c.durationMs()).as("duration 0 means unknown").isNull();
    }

    @Test
    void emptyTagListQuirkParsesAsNoTags() {
        assertThat(LastfmParser.topTags(tree("artist-gettoptags-empty-text-node.json"))).isEmpty();
    }

    @Test
    void trackNotFoundOnANameLookupIsAnEmptyAnswer() throws Exception {
        http.reply(200, FIXTURES.body("error-6-track-not-found.json"));
        assertThat(client.lookup(text("Nobody", "Nothing"))).isEmpty();
    }

    @Test
    void lookupByMusicBrainzIdUsesMbidAndErrorSixIsNotFound() {
        http.reply(200, FIXTURES.body("error-6-artist-not-found.json"));
        assertThatThrownBy(() -> client.lookup(ids("musicbrainz", "8538e728-ca0b-4321-b7e5-cff6565dd4c0")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("error 6").contains("could not be found");
                });
        assertThat(http.last().uri()).isEqualTo("https://ws.audioscrobbler.com/2.0/?method=track.getInfo"
                + "&mbid=8538e728-ca0b-4321-b7e5-cff6565dd4c0&api_key=lastfm-test-key&format=json");
    }

    @Test
    void bodyErrorCodesDecideTheClassWhateverTheStatus() {
        http.reply(400, FIXTURES.body("error-3-invalid-method.json"));
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("Invalid Method");
                });
        // codes 29 and 26 have no recorded body in the kit: Last.fm's documented messages
        http.reply(200, "{\"error\":29,\"message\":\"Rate Limit Exceeded - Your IP has made too many requests in a short period\"}");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED));
        http.reply(403, "{\"error\":26,\"message\":\"Suspended API key - Access for your account has been suspended\"}");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
        http.reply(200, "{\"error\":16,\"message\":\"There was a temporary error processing your request.\"}");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
        http.reply(503, "<html>offline</html>");
        assertThatThrownBy(() -> client.lookup(text("A", "B")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
    }

    @Test
    void trackListBodiesParse() {
        List<Candidate> similar = LastfmParser.similar(tree("track-getsimilar-depeche-mode.json"));
        assertThat(similar).hasSize(5);
        assertThat(similar.get(0).title()).isEqualTo("Dreaming of Me");
        assertThat(similar.get(0).artist()).isEqualTo("Depeche Mode");
        assertThat(similar.get(0).id("musicbrainz")).isEqualTo("027b553e-7c74-3ed4-a95e-1d4fea51f174");
        assertThat(similar.get(2).title()).isEqualTo("Don't You Want Me");
        assertThat(similar.get(2).id("musicbrainz")).as("empty mbid").isNull();
        assertThat(LastfmParser.similar(tree("track-getsimilar-unknown-empty.json"))).isEmpty();

        List<Candidate> top = LastfmParser.topTracks(tree("artist-gettoptracks-u2.json"));
        assertThat(top).isNotEmpty();
        assertThat(top.get(0).title()).isEqualTo("Beautiful Day");
        assertThat(top.get(0).artist()).isEqualTo("U2");
        assertThat(top.get(0).ids()).containsEntry("musicbrainz", "f7f264d0-a89b-4682-9cd7-a4e7c37637af")
                .containsEntry("lastfm", "https://www.last.fm/music/U2/_/Beautiful+Day");
    }

    static JsonNode tree(String file) {
        try {
            return Json.MAPPER.readTree(FIXTURES.body(file));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
