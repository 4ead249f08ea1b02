package io.songnodes.tools.sim;

import static io.songnodes.tools.sim.SimTestSupport.get;
import static io.songnodes.tools.sim.SimTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.ProviderName;
import io.songnodes.testing.TeamKit;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each provider's real quota is enforced with its real over-limit answer, counted in the stats, and scalable. */
class LimitsITCase {
    private ProviderSimulator sim;

    private ProviderSimulator start(double scale) {
        sim = ProviderSimulator.start(SimulatorConfig.builder().catalog(SimTestSupport.catalog()).limitScale(scale).build());
        return sim;
    }

    @AfterEach
    void stop() {
        if (sim != null) sim.close();
    }

    private List<HttpResponse<String>> burst(int n, String url, String... headers) throws Exception {
        List<HttpResponse<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(get(url, headers));
        return out;
    }

    @Test
    void spotifyAnswers429WithRetryAfterInBothBodyVariants() throws Exception {
        start(1);
        // the quota is the project's one table (the client limiter reads the same)
        int quota = io.songnodes.enrich.config.ProviderDefaults.rate(ProviderName.SPOTIFY).permits();
        List<HttpResponse<String>> rs = burst(quota + 2, sim.baseUrl() + "/v1/tracks/1honw3D3A6aQou1T76mAbr", "Authorization", "Bearer t");
        assertThat(rs.subList(0, quota)).allMatch(r -> r.statusCode() == 200);
        HttpResponse<String> first = rs.get(quota);
        HttpResponse<String> second = rs.get(quota + 1);
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(second.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(first.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 30L);
        assertThat(json(first)).isEqualTo(json(Files.readString(TeamKit.providers().resolve("spotify/error-429-rate-limit.json"))));
        assertThat(second.body()).as("the empty-body variant").isEmpty();
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
        assertThat(sim.stats(ProviderName.SPOTIFY).overLimit()).isEqualTo(2);
        assertThat(sim.stats(ProviderName.SPOTIFY).requests()).isEqualTo(quota + 2);
    }

    @Test
    void musicBrainzAnswers503AtOneRequestPerSecond() throws Exception {
        start(1);
        List<HttpResponse<String>> rs = burst(3, sim.baseUrl() + "/ws/2/isrc/DEAA11900001?fmt=json");
        assertThat(rs.get(0).statusCode()).isEqualTo(200);
        assertThat(rs.get(1).statusCode()).isEqualTo(503);
        assertThat(rs.get(2).statusCode()).isEqualTo(503);
        assertThat(json(rs.get(1))).isEqualTo(json(Files.readString(TeamKit.providers().resolve("musicbrainz/error-503-rate-limited.json"))));
        assertThat(sim.stats(ProviderName.MUSICBRAINZ).overLimit()).isEqualTo(2);
    }

    @Test
    void discogsReportsItsRateHeadersAndAnswers429() throws Exception {
        start(1);
        List<HttpResponse<String>> rs = burst(61, sim.baseUrl() + "/releases/13950001", "Authorization", "Discogs token=t");
        HttpResponse<String> firstOk = rs.get(0);
        assertThat(firstOk.headers().firstValue("X-Discogs-Ratelimit")).hasValue("60");
        assertThat(firstOk.headers().firstValue("X-Discogs-Ratelimit-Used")).hasValue("1");
        assertThat(firstOk.headers().firstValue("X-Discogs-Ratelimit-Remaining")).hasValue("59");
        assertThat(rs.get(59).statusCode()).isEqualTo(200);
        assertThat(rs.get(59).headers().firstValue("X-Discogs-Ratelimit-Remaining")).hasValue("0");
        HttpResponse<String> over = rs.get(60);
        assertThat(over.statusCode()).isEqualTo(429);
        assertThat(json(over)).isEqualTo(json(Files.readString(TeamKit.providers().resolve("discogs/error-429-rate-limit.json"))));
        assertThat(over.headers().firstValue("X-Discogs-Ratelimit-Used")).hasValue("60");
        assertThat(sim.stats(ProviderName.DISCOGS).overLimit()).isEqualTo(1);
    }

    @Test
    void lastfmAnswersError29InsideTheJson() throws Exception {
        start(1);
        int quota = io.songnodes.enrich.config.ProviderDefaults.rate(ProviderName.LASTFM).permits();
        List<HttpResponse<String>> rs = burst(quota + 1, sim.baseUrl() + "/2.0/?method=track.getInfo&format=json&api_key=k&artist=Cosmic+Gate&track=Come+With+Me");
        assertThat(rs.subList(0, quota)).allMatch(r -> json(r).has("track"));
        assertThat(rs.get(quota).statusCode()).isEqualTo(200);
        assertThat(json(rs.get(quota)).path("error").asInt()).isEqualTo(29);
        assertThat(sim.stats(ProviderName.LASTFM).overLimit()).isEqualTo(1);
    }

    @Test
    void deezerAnswersCode4WithHttp200() throws Exception {
        start(1);
        List<HttpResponse<String>> rs = burst(51, sim.baseUrl() + "/track/3135001");
        assertThat(rs.subList(0, 50)).allMatch(r -> json(r).path("id").asLong() == 3135001L);
        HttpResponse<String> over = rs.get(50);
        assertThat(over.statusCode()).isEqualTo(200);
        assertThat(json(over).path("error").path("code").asInt()).isEqualTo(4);
        assertThat(json(over).path("error").path("message").asText()).isEqualTo("Quota limit exceeded");
        assertThat(sim.stats(ProviderName.DEEZER).overLimit()).isEqualTo(1);
    }

    @Test
    void beatportAnswers429() throws Exception {
        start(1);
        int quota = io.songnodes.enrich.config.ProviderDefaults.rate(ProviderName.BEATPORT).permits();
        List<HttpResponse<String>> rs = burst(quota + 1, sim.baseUrl() + "/v4/catalog/tracks/12069065/", "Authorization", "Bearer t");
        assertThat(rs.subList(0, quota)).allMatch(r -> r.statusCode() == 200);
        assertThat(rs.get(quota).statusCode()).isEqualTo(429);
        assertThat(json(rs.get(quota)).path("detail").asText()).startsWith("Request was throttled.");
        assertThat(rs.get(quota).headers().firstValue("Retry-After")).isPresent();
        assertThat(sim.stats(ProviderName.BEATPORT).overLimit()).isEqualTo(1);
    }

    @Test
    void aConcurrentBurstGetsExactlyTheQuota() throws Exception {
        start(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 80; i++) calls.add(() -> json(get(sim.baseUrl() + "/track/3135001")).path("error").path("code").asInt(0));
            int accepted = 0;
            int refused = 0;
            for (Future<Integer> f : pool.invokeAll(calls)) {
                if (f.get() == 4) refused++;
                else accepted++;
            }
            assertThat(accepted).as("Deezer allows 50 per 5 s").isEqualTo(50);
            assertThat(refused).isEqualTo(30);
            assertThat(sim.stats(ProviderName.DEEZER).overLimit()).isEqualTo(30);
            assertThat(sim.stats(ProviderName.DEEZER).accepted()).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void limitScaleSpeedsTheWindowUp() throws Exception {
        start(10);
        // at scale 10 MusicBrainz allows one request per 100 ms; a client pacing at 130 ms is never refused
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        ScheduledFuture<?> task = pacer.scheduleWithFixedDelay(() -> {
            if (sent.incrementAndGet() > 12) return;
            try {
                statuses.add(get(sim.baseUrl() + "/ws/2/isrc/DEAA11900001?fmt=json").statusCode());
            } catch (Exception e) {
                statuses.add(-1);
            }
        }, 0, 130, TimeUnit.MILLISECONDS);
        try {
            SimTestSupport.awaitCondition(java.time.Duration.ofSeconds(20), () -> statuses.size() >= 12);
        } finally {
            task.cancel(false);
            pacer.shutdownNow();
        }
        assertThat(statuses).hasSize(12).containsOnly(200);
        assertThat(sim.stats(ProviderName.MUSICBRAINZ).overLimit()).isZero();
        // and back-to-back requests are still refused at that scale
        assertThat(burst(2, sim.baseUrl() + "/ws/2/isrc/DEAA11900001?fmt=json").get(1).statusCode()).isEqualTo(503);
    }
}
