package io.songnodes.tools.sim;

import static io.songnodes.tools.sim.SimTestSupport.get;
import static io.songnodes.tools.sim.SimTestSupport.json;
import static io.songnodes.tools.sim.SimTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.ProviderName;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin endpoints: stats per provider, reset, and reconfiguration that starts and ends a fault storm. */
class AdminITCase {
    private ProviderSimulator sim;
    private String base;

    @BeforeEach
    void start() {
        sim = ProviderSimulator.start(SimulatorConfig.builder().catalog(SimTestSupport.catalog()).build());
        base = sim.baseUrl();
    }

    @AfterEach
    void stop() { sim.close(); }

    @Test
    void statsCountRequestsAndOverLimitAnswersPerProvider() throws Exception {
        get(base + "/ws/2/isrc/DEAA11900001?fmt=json");
        get(base + "/ws/2/isrc/DEAA11900001?fmt=json");
        get(base + "/track/3135001");
        JsonNode stats = json(get(base + "/__sim/stats"));
        JsonNode mb = stats.path("providers").path("musicbrainz");
        assertThat(mb.path("requests").asLong()).isEqualTo(2);
        assertThat(mb.path("over_limit").asLong()).isEqualTo(1);
        assertThat(mb.path("accepted").asLong()).isEqualTo(1);
        assertThat(mb.path("by_status").path("503").asLong()).isEqualTo(1);
        assertThat(stats.path("providers").path("deezer").path("requests").asLong()).isEqualTo(1);
        assertThat(stats.path("providers").path("spotify").path("requests").asLong()).isZero();
        assertThat(stats.path("limit_scale").asDouble()).isEqualTo(1.0);
    }

    @Test
    void resetClearsCountersAndWindows() throws Exception {
        get(base + "/ws/2/isrc/DEAA11900001?fmt=json");
        assertThat(post(base + "/__sim/reset", "").statusCode()).isEqualTo(200);
        assertThat(json(get(base + "/__sim/stats")).path("providers").path("musicbrainz").path("requests").asLong()).isZero();
        assertThat(get(base + "/ws/2/isrc/DEAA11900001?fmt=json").statusCode()).as("the window was cleared too").isEqualTo(200);
    }

    @Test
    void configStartsAndEndsAStorm() throws Exception {
        HttpResponse<String> on = post(base + "/__sim/config", "{\"faults\":[\"deezer:5xx:1\"],\"latency_ms\":5}");
        assertThat(on.statusCode()).isEqualTo(200);
        assertThat(json(on).path("faults").get(0).asText()).isEqualTo("deezer:5xx:1.0");
        assertThat(get(base + "/track/3135001").statusCode()).isEqualTo(502);
        assertThat(post(base + "/__sim/config", "{\"faults\":[]}").statusCode()).isEqualTo(200);
        assertThat(get(base + "/track/3135001").statusCode()).isEqualTo(200);
        assertThat(sim.stats(ProviderName.DEEZER).faults()).isEqualTo(1);
        assertThat(json(get(base + "/__sim/config")).path("latency_ms").asLong()).isEqualTo(5);
    }

    @Test
    void configChangesTheLimitScale() throws Exception {
        assertThat(post(base + "/__sim/config", "{\"limit_scale\":1000}").statusCode()).isEqualTo(200);
        // at scale 1000 MusicBrainz's window is 1 ms: requests a few ms apart all pass
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
            if (get(base + "/ws/2/isrc/DEAA11900001?fmt=json").statusCode() == 503) refused++;
        }
        assertThat(refused).isZero();
        assertThat(sim.tuning().limitScale()).isEqualTo(1000.0);
    }

    @Test
    void badConfigIsRefusedWithTheKeyNamed() throws Exception {
        HttpResponse<String> unknown = post(base + "/__sim/config", "{\"latency\":5}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("error").asText()).contains("'latency'");
        HttpResponse<String> share = post(base + "/__sim/config", "{\"faults\":[\"deezer:5xx:0.8\",\"deezer:reset:0.5\"]}");
        assertThat(share.statusCode()).isEqualTo(400);
        assertThat(json(share).path("error").asText()).contains("deezer");
        HttpResponse<String> kind = post(base + "/__sim/config", "{\"faults\":[\"deezer:explode:0.1\"]}");
        assertThat(json(kind).path("error").asText()).contains("explode");
        assertThat(sim.tuning().faults()).as("a refused change changes nothing").isEmpty();
    }
}
