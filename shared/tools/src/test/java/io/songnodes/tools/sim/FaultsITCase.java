package io.songnodes.tools.sim;

import static io.songnodes.tools.sim.SimTestSupport.get;
import static io.songnodes.tools.sim.SimTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.songnodes.enrich.ProviderName;
import io.songnodes.json.Json;
import io.songnodes.testing.TeamKit;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every fault kind, seen by a plain java.net.http client, and counted per provider and kind. */
class FaultsITCase {
    private static ProviderSimulator sim;
    private static String base;

    @BeforeAll
    static void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().catalog(SimTestSupport.catalog()).enforceLimits(false)
                .timeoutFaultMs(3_000).seed(42).build());
        base = sim.baseUrl();
    }

    @AfterAll
    static void stop() { sim.close(); }

    @BeforeEach
    void clean() {
        sim.retune(Tuning.defaults().withTimeoutFaultMs(3_000));
        sim.reset();
    }

    private static void faults(String... specs) {
        sim.retune(sim.tuning().withFaults(FaultSpec.parseAll(List.of(specs))));
    }

    @Test
    void serverErrorsUseEachProvidersShape() throws Exception {
        faults("musicbrainz:5xx:1", "spotify:5xx:1");
        HttpResponse<String> mb = get(base + "/ws/2/isrc/DEAA11900001?fmt=json");
        assertThat(mb.statusCode()).isEqualTo(503);
        assertThat(json(mb)).isEqualTo(json(Files.readString(TeamKit.providers().resolve("musicbrainz/error-503-server-busy.json"))));
        HttpResponse<String> sp = get(base + "/v1/tracks/1honw3D3A6aQou1T76mAbr", "Authorization", "Bearer t");
        assertThat(sp.statusCode()).isEqualTo(502);
        assertThat(json(sp).path("error").path("status").asInt()).isEqualTo(502);
        assertThat(get(base + "/track/3135001").statusCode()).as("other providers are healthy").isEqualTo(200);
        assertThat(sim.stats(ProviderName.MUSICBRAINZ).faultsByKind()).containsEntry("5xx", 1L);
        assertThat(sim.stats(ProviderName.SPOTIFY).faults()).isEqualTo(1);
        assertThat(sim.stats(ProviderName.DEEZER).faults()).isZero();
    }

    @Test
    void timeoutsOutlastTheClientTimeout() {
        faults("deezer:timeout:1");
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/track/3135001")).timeout(Duration.ofMillis(300)).GET().build();
        assertThatThrownBy(() -> SimTestSupport.send(req)).isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.stats(ProviderName.DEEZER).faultsByKind()).containsEntry("timeout", 1L);
    }

    @Test
    void malformedJsonDoesNotParse() throws Exception {
        faults("discogs:malformed:1");
        HttpResponse<String> r = get(base + "/releases/13950001", "Authorization", "Discogs token=t");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"id\":13950001");
        assertThatThrownBy(() -> Json.MAPPER.readTree(r.body())).isInstanceOf(JsonProcessingException.class);
        assertThat(sim.stats(ProviderName.DISCOGS).faultsByKind()).containsEntry("malformed", 1L);
    }

    @Test
    void connectionResetsFailTheExchange() {
        faults("beatport:reset:1");
        assertThatThrownBy(() -> get(base + "/v4/catalog/tracks/12069065/", "Authorization", "Bearer t"))
                .isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
        assertThat(sim.stats(ProviderName.BEATPORT).faultsByKind()).containsEntry("reset", 1L);
    }

    @Test
    void capability403HitsSpotifyAudioFeaturesOnly() throws Exception {
        faults("spotify:403:1");
        HttpResponse<String> af = get(base + "/v1/audio-features/1honw3D3A6aQou1T76mAbr", "Authorization", "Bearer t");
        assertThat(af.statusCode()).isEqualTo(403);
        assertThat(json(af).path("error").path("status").asInt()).isEqualTo(403);
        assertThat(get(base + "/v1/tracks/1honw3D3A6aQou1T76mAbr", "Authorization", "Bearer t").statusCode()).isEqualTo(200);
        assertThat(sim.stats(ProviderName.SPOTIFY).faultsByKind()).containsEntry("403", 1L);
    }

    @Test
    void aShareFaultsThatPartOfTheRequests() throws Exception {
        faults("lastfm:5xx:0.3");
        int faulted = 0;
        for (int i = 0; i < 200; i++) {
            if (get(base + "/2.0/?method=track.getInfo&format=json&api_key=k&artist=Cosmic+Gate&track=Come+With+Me").statusCode() == 500) faulted++;
        }
        assertThat(faulted).isBetween(35, 85);
        assertThat(sim.stats(ProviderName.LASTFM).faults()).isEqualTo(faulted);
        assertThat(sim.stats(ProviderName.LASTFM).requests()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryAnswer() throws Exception {
        sim.retune(sim.tuning().withLatency(150, 50));
        long start = System.nanoTime();
        assertThat(get(base + "/track/3135001").statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }
}
