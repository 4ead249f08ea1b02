package io.songnodes.enrich.provider;

import static io.songnodes.enrich.provider.TestSettings.both;
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

/** MusicBrainz requests (search, recording, ISRC, release) and every recorded MusicBrainz body. */
class MusicBrainzClientTest {
    @RegisterExtension
    static final FixtureBook FIXTURES = new FixtureBook("musicbrainz",
            "recording-search-get-lucky-daft-punk.json", "recording-search-calexico-alone-again-or.json",
            "recording-search-isrc-GBAHT1600302-dua-lipa.json", "recording-search-we-will-rock-you-queen-page1-of-423.json",
            "recording-lookup-833f00e1-daft-punk-get-lucky.json", "recording-lookup-9408b8ce-calexico-alone-again-or-tags-genres.json",
            "recording-lookup-b9ad642e-koda-kumi-last-angel-with-isrcs.json",
            "isrc-lookup-USQX91300108-daft-punk-get-lucky.json", "isrc-lookup-USGF19942501-nirvana-smells-like-teen-spirit.json",
            "isrc-lookup-404-not-found.json", "error-404-not-found.json", "error-503-rate-limited.json", "error-503-server-busy.json",
            "release-lookup-e47d04a4-jeff-mills-kat-moda.json", "release-lookup-21a03203-shinichi-atobe-ship-scope.json",
            "release-lookup-70130d47-cold-storage-wipeout-with-isrcs.json");

    final FixtureHttp http = new FixtureHttp();
    final MusicBrainzClient client = new MusicBrainzClient(settings(), http);

    private void ok(String file) { http.reply(200, FIXTURES.body(file)); }

    @Test
    void searchSendsLuceneQueryWithMandatoryUserAgent() throws Exception {
        ok("recording-search-get-lucky-daft-punk.json");

        List<Candidate> found = client.lookup(text("Daft Punk", "Get Lucky"));

        FixtureHttp.Sent s = http.last();
        assertThat(s.uri()).isEqualTo("https://musicbrainz.org/ws/2/recording?query=artist%3A%22Daft%20Punk%22%20AND%20recording%3A%22Get%20Lucky%22&fmt=json&limit=10");
        assertThat(s.header("User-Agent")).isEqualTo(TestSettings.UA);
        assertThat(s.header("Accept")).isEqualTo("application/json");
        assertThat(s.header("Authorization")).isNull();
        assertThat(s.endpoint()).isEqualTo("search");
        // both hits score 100 and neither is the canonical recording: the scorer, not the order, decides
        assertThat(found).extracting(Candidate::recordId).hasSize(2).first().isEqualTo("345e4a72-46b4-48ba-8541-27c6b23c3b8c");
        assertThat(found.get(0).durationMs()).isEqualTo(237000);
        assertThat(found.get(0).releaseDate()).isEqualTo("2017-10-27");
        assertThat(found.get(0).artist()).isEqualTo("Daft Punk");
        assertThat(found).noneMatch(c -> "833f00e1-781f-4edd-90e4-e52712618862".equals(c.recordId()));
    }

    @Test
    void luceneSyntaxInsideValuesIsEscaped() throws Exception {
        ok("recording-search-calexico-alone-again-or.json");
        client.lookup(text("Calexico", "Alone \"Again\" Or"));
        assertThat(http.last().uri()).contains("recording%3A%22Alone%20%5C%22Again%5C%22%20Or%22");
    }

    @Test
    void aFuzzySearchSendsLuceneFuzzyTermsNeverAPhrase() throws Exception {
        ok("recording-search-get-lucky-daft-punk.json");
        client.lookup(text("Dfat Punk", "Get Lucyk (Extended Mix)").asFuzzy());
        String query = java.net.URLDecoder.decode(http.last().uri().replaceAll(".*query=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(query).isEqualTo("artist:(dfat~1 punk~1) AND recording:(+get~1 +lucyk~1 extended~1 mix~1)");
        assertThat(MusicBrainzClient.fuzzyQuery("Rødhåd & DJ \"X\"", "Oen 2 Go")).as("folded, short words and digits exact, no quotes")
                .isEqualTo("artist:(rodhad~1 dj x) AND recording:(+oen~1 +2 +go)");
        ok("recording-search-get-lucky-daft-punk.json");
        client.lookup(text("Dfat Punk", "Get Lucyk").atOffset(25));
        assertThat(http.last().uri()).endsWith("&limit=10&offset=25");
    }

    @Test
    void searchBodiesParseWithScoresTagsAndIsrcs() {
        List<Candidate> calexico = MusicBrainzParser.search(tree("recording-search-calexico-alone-again-or.json"));
        assertThat(calexico).hasSize(9);
        assertThat(calexico.get(0).recordId()).isEqualTo("89d8f933-7c31-47c6-8f80-4927e93e7896");
        assertThat(calexico.get(0).durationMs()).isEqualTo(195173);
        assertThat(calexico.get(0).genres()).containsExactly("country", "americana", "alternative country");
        assertThat(calexico).filteredOn(c -> c.id("isrc") != null).singleElement().satisfies(c -> {
            assertThat(c.recordId()).isEqualTo("9408b8ce-9b95-4fb0-ac70-595d054a15c6");
            assertThat(c.id("isrc")).isEqualTo("USA4C0409001");
        });

        Candidate dua = MusicBrainzParser.search(tree("recording-search-isrc-GBAHT1600302-dua-lipa.json")).get(0);
        assertThat(dua.title()).isEqualTo("Blow Your Mind (Mwah)");
        assertThat(dua.version()).as("'(Mwah)' and the 'explicit' disambiguation are not versions").isNull();
        assertThat(dua.ids()).containsEntry("isrc", "GBAHT1600318").containsEntry("musicbrainz", "026fa041-3917-4c73-9079-ed16e36f20f8");
        assertThat(dua.durationMs()).isEqualTo(178583);
        assertThat(dua.genres()).contains("electropop", "dance-pop");

        List<Candidate> queen = MusicBrainzParser.search(tree("recording-search-we-will-rock-you-queen-page1-of-423.json"));
        assertThat(queen).hasSize(25).allMatch(c -> c.title().equalsIgnoreCase("We Will Rock You") || c.title().toLowerCase().contains("we will rock you"));
        assertThat(queen).filteredOn(c -> c.durationMs() == null).hasSize(2);
        assertThat(queen.get(0).durationMs()).isEqualTo(138693);
    }

    @Test
    void recordingLookupByMbidAsksForIsrcsReleasesCreditsTagsAndGenres() throws Exception {
        ok("recording-lookup-833f00e1-daft-punk-get-lucky.json");

        Candidate c = client.lookup(ids("musicbrainz", "833f00e1-781f-4edd-90e4-e52712618862")).get(0);

        assertThat(http.last().uri()).isEqualTo("https://musicbrainz.org/ws/2/recording/833f00e1-781f-4edd-90e4-e52712618862?inc=isrcs+releases+artist-credits+tags+genres&fmt=json");
        assertThat(http.last().endpoint()).isEqualTo("recording");
        assertThat(c.artist()).isEqualTo("Daft Punk feat. Pharrell Williams & Nile Rodgers");
        assertThat(c.artists()).containsExactly("Daft Punk", "Pharrell Williams", "Nile Rodgers");
        assertThat(c.durationMs()).isEqualTo(369000);
        assertThat(c.releaseDate()).isEqualTo("2013-04-19");
        assertThat(c.id("isrc")).isNull();
    }

    @Test
    void lookupBodiesWithGenresAndIsrcsParse() {
        Candidate calexico = MusicBrainzParser.recording(tree("recording-lookup-9408b8ce-calexico-alone-again-or-tags-genres.json"), null, null);
        // curated genres win over the noisier folksonomy tags
        assertThat(calexico.genres()).containsExactly("alternative country", "americana", "country", "downtempo", "electronic", "pop",
                "southern rock", "trip hop");
        assertThat(calexico.durationMs()).isEqualTo(204480);

        Candidate koda = MusicBrainzParser.recording(tree("recording-lookup-b9ad642e-koda-kumi-last-angel-with-isrcs.json"), null, null);
        assertThat(koda.ids()).containsEntry("isrc", "JPB600760301");
        assertThat(koda.artist()).isEqualTo("倖田來未 feat. 東方神起");
        assertThat(koda.releaseDate()).isEqualTo("2007-11-07");
    }

    @Test
    void isrcLookupReturnsEveryRecordingSharingTheIsrc() throws Exception {
        ok("isrc-lookup-USQX91300108-daft-punk-get-lucky.json");

        List<Candidate> found = client.lookup(ids("isrc", "USQX91300108"));

        assertThat(http.last().uri()).isEqualTo("https://musicbrainz.org/ws/2/isrc/USQX91300108?inc=artist-credits+tags&fmt=json");
        assertThat(found).extracting(Candidate::recordId)
                .containsExactly("833f00e1-781f-4edd-90e4-e52712618862", "44a2fd4f-fbfe-4822-b277-2994596b1156");
        assertThat(found).allSatisfy(c -> assertThat(c.id("isrc")).isEqualTo("USQX91300108"));
        assertThat(found.get(1).version()).isEqualTo("Dolby Atmos mix");
        assertThat(found.get(1).durationMs()).isEqualTo(369626);

        List<Candidate> nirvana = MusicBrainzParser.isrc(tree("isrc-lookup-USGF19942501-nirvana-smells-like-teen-spirit.json"));
        assertThat(nirvana).hasSize(2);
        assertThat(nirvana.get(0).genres()).contains("grunge").hasSize(13);
        assertThat(nirvana.get(0).releaseDate()).isEqualTo("1991-09-10");
        assertThat(nirvana.get(1).version()).isEqualTo("remastered 2021");
        assertThat(nirvana.get(1).id("isrc")).isEqualTo("USGF19942501");
    }

    @Test
    void unknownIsrcIsNotFoundOrFallsBackToTextSearch() throws Exception {
        http.reply(404, FIXTURES.body("isrc-lookup-404-not-found.json"));
        assertThatThrownBy(() -> client.lookup(ids("isrc", "ZZZZZ0000000")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND);
                    assertThat(e.getMessage()).contains("Not Found");
                });

        http.reply(404, FIXTURES.body("isrc-lookup-404-not-found.json"));
        ok("recording-search-get-lucky-daft-punk.json");
        assertThat(client.lookup(both("Daft Punk", "Get Lucky", "isrc", "ZZZZZ0000000"))).hasSize(2);
        assertThat(http.sent).extracting(FixtureHttp.Sent::endpoint).containsExactly("isrc", "isrc", "search");
    }

    @Test
    void unknownMbidIsNotFound() {
        http.reply(404, FIXTURES.body("error-404-not-found.json"));
        assertThatThrownBy(() -> client.lookup(ids("musicbrainz", "00000000-0000-0000-0000-000000000000")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    }

    @Test
    void the503RateLimitAndThe503LoadSheddingAreDifferentClasses() {
        http.reply(503, FIXTURES.body("error-503-rate-limited.json"));
        assertThatThrownBy(() -> client.lookup(text("Daft Punk", "Get Lucky")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).isNull();
                    assertThat(e.getMessage()).contains("exceeding the allowable rate limit");
                });

        http.reply(503, FIXTURES.body("error-503-server-busy.json"), "retry-after", "0", "x-ratelimit-zone", "global");
        assertThatThrownBy(() -> client.lookup(text("Daft Punk", "Get Lucky")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ZERO);
                    assertThat(e.getMessage()).contains("currently busy");
                });

        http.reply(403, "");
        assertThatThrownBy(() -> client.lookup(text("Daft Punk", "Get Lucky")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PERMANENT));
    }

    @Test
    void releaseLookupGivesTracksWithLabelDateAndPerRecordingGenres() throws Exception {
        ok("release-lookup-e47d04a4-jeff-mills-kat-moda.json");
        List<Candidate> kat = client.releaseTracks("e47d04a4-7460-427d-a731-cc82386d85f1");
        assertThat(http.last().uri()).isEqualTo("https://musicbrainz.org/ws/2/release/e47d04a4-7460-427d-a731-cc82386d85f1?inc=recordings+artist-credits+labels+isrcs+genres&fmt=json");
        assertThat(kat).allSatisfy(c -> assertThat(c.label()).isEqualTo("Purpose Maker"));
        assertThat(kat.get(1).title()).isEqualTo("The Bells");
        assertThat(kat.get(1).genres()).containsExactly("electronic", "techno");
        assertThat(kat.get(2).version()).isEqualTo("Festival mix");
        assertThat(kat.get(2).durationMs()).isEqualTo(606866);

        List<Candidate> atobe = MusicBrainzParser.releaseTracks(tree("release-lookup-21a03203-shinichi-atobe-ship-scope.json"));
        assertThat(atobe.get(0).title()).isEqualTo("Ship-Scope");
        assertThat(atobe.get(0).label()).isEqualTo("Chain Reaction");
        assertThat(atobe.get(0).artist()).isEqualTo("Shinichi Atobe");
        assertThat(atobe.get(0).recordId()).isEqualTo("bda25f81-2165-4d2b-a13d-81538e7ce029");

        List<Candidate> wipeout = MusicBrainzParser.releaseTracks(tree("release-lookup-70130d47-cold-storage-wipeout-with-isrcs.json"));
        assertThat(wipeout).filteredOn(c -> "Cardinal Dancer".equals(c.title())).singleElement().satisfies(c -> {
            assertThat(c.id("isrc")).isEqualTo("DEG932303016");
            assertThat(c.genres()).contains("trance", "house");
            assertThat(c.label()).isEqualTo("Sony Computer Entertainment Europe");
            assertThat(c.durationMs()).isEqualTo(322000);
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
