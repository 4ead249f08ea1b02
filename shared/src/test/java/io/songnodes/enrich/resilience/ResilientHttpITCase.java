package io.songnodes.enrich.resilience;

import io.songnodes.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderName;
import io.songnodes.testing.TestRedis;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilientHttpITCase {
    private final TestRedis redis = new TestRedis();
    private final RecordingListener listener = new RecordingListener();
    private TestProviderServer server;
    private Resilience resilience;
    private ResilientHttp http;

    @BeforeEach
    void start() throws Exception {
        server = new TestProviderServer();
        Map<ProviderName, ResilienceSettings> settings = Map.of(
                ProviderName.SPOTIFY, ResilienceSettings.builder(ProviderName.SPOTIFY).rate("50/s").timeout(Duration.ofSeconds(5)).build(),
                // the server holds its answer for 10 s in the timeout test
                ProviderName.LASTFM, ResilienceSettings.builder(ProviderName.LASTFM).rate("50/s").timeout(Duration.ofMillis(300)).build(),
                ProviderName.DISCOGS, ResilienceSettings.builder(ProviderName.DISCOGS).rate("50/s").costPerCallUsd(0.002).build(),
                ProviderName.MUSICBRAINZ, ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("50/s").build());
        resilience = new Resilience(new RedisGuard(redis.jedis(), redis.prefix(), Duration.ofSeconds(1)), settings, listener);
        http = new ResilientHttp(ResilientHttp.defaultClient(Duration.ofSeconds(2)), resilience);
    }

    @AfterEach
    void stop() {
        server.close();
        redis.close();
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(server.uri(path)).GET().build();
    }

    @Test
    void capability403SwitchesTheEndpointOffForTheRun() throws Exception {
        server.respond(e -> new TestProviderServer.Reply(403, "{\"error\":{\"status\":403}}", Map.of()));
        HttpResponse<String> first = http.send(ProviderName.SPOTIFY, "audio_features", get("/v1/audio-features/abc"));
        assertThat(first.statusCode()).isEqualTo(403);
        assertThat(listener.events).contains("capabilityOff spotify audio_features");

        assertThatThrownBy(() -> http.send(ProviderName.SPOTIFY, "audio_features", get("/v1/audio-features/def")))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.CAPABILITY_MISSING));
        assertThat(server.requests()).as("the second call made no HTTP request").isEqualTo(1);

        // a 403 elsewhere (no capability endpoint) switches nothing off
        http.send(ProviderName.SPOTIFY, "search", get("/v1/search"));
        http.send(ProviderName.SPOTIFY, "search", get("/v1/search"));
        assertThat(server.requests("/v1/search")).isEqualTo(2);
    }

    @Test
    void aSlowAnswerTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.respond(e -> {
            release.await(10, TimeUnit.SECONDS);
            return TestProviderServer.Reply.ok("[]");
        });
        try {
            assertThatThrownBy(() -> http.send(ProviderName.LASTFM, "track", get("/2.0/")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.TIMEOUT));
            assertThat(listener.events).contains("apiCall lastfm track timeout");
        } finally {
            release.countDown();
        }
    }

    @Test
    void cancellingAnAttemptAbortsItsRequestInFlightAndSendsNoMore() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        server.respond(e -> {
            release.await(10, TimeUnit.SECONDS);
            return TestProviderServer.Reply.ok("[]");
        });
        try {
            CallScope scope = CallScope.open(listener);
            java.util.concurrent.CompletableFuture<HttpResponse<String>> inFlight =
                    http.in(scope).sendAsync(ProviderName.SPOTIFY, "search", get("/v1/search?q=a"));
            Await.until("the request reached the server", Duration.ofSeconds(5), () -> server.requests() == 1);
            scope.cancel();   // the track timed out
            assertThat(inFlight).isCompletedExceptionally();
            assertThatThrownBy(inFlight::join).satisfies(t -> assertThat(io.songnodes.enrich.ProviderHttp.unwrap(t))
                    .isInstanceOf(java.util.concurrent.CancellationException.class));
            java.util.concurrent.CompletableFuture<HttpResponse<String>> later =
                    http.in(scope).sendAsync(ProviderName.SPOTIFY, "search", get("/v1/search?q=b"));
            assertThat(later).isCompletedExceptionally();
            scope.flush(null, false);
            // the aborted request went out, so it is counted; the later one never left
            assertThat(listener.events).containsOnlyOnce("apiCall spotify search timeout");
            assertThat(server.requests()).isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void reportsRemainingQuotaStatusAndCost() throws Exception {
        server.respond(e -> new TestProviderServer.Reply(200, "{}", Map.of("X-Discogs-Ratelimit", "60", "X-Discogs-Ratelimit-Remaining", "42")));
        http.send(ProviderName.DISCOGS, "search", get("/database/search"));
        assertThat(listener.remaining).containsExactly(42L);
        assertThat(listener.events).contains("apiCall discogs search success", "limiterWait discogs 1.0");
        assertThat(listener.costs).containsExactly(0.002);

        server.respond(e -> TestProviderServer.Reply.status(404));
        http.send(ProviderName.DISCOGS, "release", get("/releases/1"));
        assertThat(listener.events).contains("apiCall discogs release not_found");
    }

    @Test
    void retryAfterOn429BlocksTheProviderAndHalvesItsRate() throws Exception {
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        server.respond(e -> {
            arrivals.add(System.nanoTime());
            return arrivals.size() == 1 ? new TestProviderServer.Reply(429, "", Map.of("Retry-After", "1")) : TestProviderServer.Reply.ok("[]");
        });
        HttpResponse<String> limited = http.send(ProviderName.MUSICBRAINZ, "search", get("/ws/2/recording"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(listener.events).contains("apiCall musicbrainz search rate_limited");
        assertThat(resilience.limiter(ProviderName.MUSICBRAINZ).rateFactor()).isEqualTo(0.5);

        http.send(ProviderName.MUSICBRAINZ, "search", get("/ws/2/recording"));
        long gapMs = TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0));
        assertThat(gapMs).as("the next request waited for Retry-After").isGreaterThanOrEqualTo(950);
    }

    @Test
    void aRedirectToAnotherOriginIsRefusedAndNeverCarriesTheCredentials() throws Exception {
        try (TestProviderServer elsewhere = new TestProviderServer()) {
            server.respond(e -> new TestProviderServer.Reply(302, "", Map.of("Location", elsewhere.uri("/collect").toString())));
            HttpRequest withToken = HttpRequest.newBuilder(server.uri("/database/search")).header("Authorization", "Discogs token=secret").GET().build();
            assertThatThrownBy(() -> http.send(ProviderName.DISCOGS, "search", withToken))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT);
                        assertThat(e.getMessage()).contains("redirect").contains("refused");
                    });
            assertThat(elsewhere.requests()).as("the other origin was never asked").isZero();
        }
    }

    @Test
    void aRedirectWithinTheProvidersOriginIsFollowedWithItsHeaders() throws Exception {
        List<String> auth = new CopyOnWriteArrayList<>();
        server.respond(e -> {
            if (e.getRequestURI().getPath().equals("/old")) return new TestProviderServer.Reply(301, "", Map.of("Location", "/new"));
            auth.add(String.valueOf(e.getRequestHeaders().getFirst("Authorization")));
            return TestProviderServer.Reply.ok("{\"ok\":true}");
        });
        HttpRequest withToken = HttpRequest.newBuilder(server.uri("/old")).header("Authorization", "Bearer t").GET().build();
        HttpResponse<String> r = http.send(ProviderName.SPOTIFY, "track", withToken);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(auth).containsExactly("Bearer t");
    }

    @Test
    void aBodyOverTheCapFailsTheCallWithoutReadingIt() throws Exception {
        ResilientHttp capped = new ResilientHttp(ResilientHttp.defaultClient(Duration.ofSeconds(2)), resilience, java.time.Clock.systemUTC(), 1_000);
        server.respond(e -> TestProviderServer.Reply.ok("[" + "\"x\",".repeat(1_000) + "\"x\"]"));
        assertThatThrownBy(() -> capped.send(ProviderName.SPOTIFY, "search", get("/v1/search")))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ProviderException.Kind.PERMANENT);
                    assertThat(e.getMessage()).contains("larger than 1000 bytes");
                });
        server.respond(e -> TestProviderServer.Reply.ok("[\"small\"]"));
        assertThat(capped.send(ProviderName.SPOTIFY, "search", get("/v1/search")).body()).isEqualTo("[\"small\"]");
    }
}
