package io.songnodes.enrich.resilience;

import io.songnodes.testing.Await;
import io.songnodes.testing.Ports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.cache.CacheKey;
import io.songnodes.enrich.cache.LookupCache;
import io.songnodes.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResilientGatewayITCase {
    private static final ProviderName P = ProviderName.DEEZER;

    private final TestRedis redis = new TestRedis();
    private final RecordingListener listener = new RecordingListener();
    private TestProviderServer server;
    private RedisGuard guard;

    @BeforeEach
    void start() throws Exception {
        server = new TestProviderServer();
        guard = new RedisGuard(redis.jedis(), redis.prefix(), Duration.ofSeconds(1));
    }

    @AfterEach
    void stop() {
        server.close();
        redis.close();
    }

    private static ResilienceSettings.Builder fast() {
        return ResilienceSettings.builder(P).rate("200/s").safetyMargin(0).backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .cacheTtl(Duration.ofHours(1)).negativeTtl(Duration.ofMinutes(5));
    }

    private ResilientGateway gateway(ResilienceSettings s, RedisGuard redisGuard) {
        Resilience resilience = new Resilience(redisGuard, Map.of(P, s), listener);
        ResilientHttp http = new ResilientHttp(ResilientHttp.defaultClient(Duration.ofSeconds(2)), resilience);
        return new ResilientGateway(List.of(new TestClient(P, http, server)), http, resilience, new LookupCache(redisGuard, listener));
    }

    private static TrackQuery q(String title) { return new TrackQuery("Artist", title, null, Map.of()); }

    private static Kind kindOf(ThrowingLookup l) {
        try {
            l.run();
        } catch (ProviderException e) {
            return e.kind();
        }
        throw new AssertionError("expected a ProviderException");
    }

    @FunctionalInterface
    interface ThrowingLookup { void run() throws ProviderException; }

    @Test
    void breakerOpensUnderA5xxStormGoesHalfOpenThenCloses() throws Exception {
        ResilientGateway g = gateway(fast().maxRetries(0)
                .breaker(new ResilienceSettings.Breaker(50, 4, 4, Duration.ofMillis(300), 2)).build(), guard);
        server.respond(e -> TestProviderServer.Reply.status(500));
        for (int i = 0; i < 4; i++) {
            int n = i;
            assertThat(kindOf(() -> g.lookup(P, q("storm " + n)))).isEqualTo(Kind.TRANSIENT);
        }
        assertThat(g.breakerState(P)).isEqualTo(2);
        assertThat(kindOf(() -> g.lookup(P, q("while open")))).isEqualTo(Kind.CIRCUIT_OPEN);
        assertThat(server.requests()).as("no call while open").isEqualTo(4);
        assertThat(listener.events).contains("apiCall deezer lookup circuit_open");

        Await.until("half-open", Duration.ofSeconds(10), () -> g.breakerState(P) == 1);
        server.respond(e -> TestProviderServer.Reply.ok("d1"));
        assertThat(g.lookup(P, q("probe 1"))).hasSize(1);
        assertThat(g.lookup(P, q("probe 2"))).hasSize(1);
        assertThat(g.breakerState(P)).isEqualTo(0);
        assertThat(listener.events.stream().filter(e -> e.startsWith("breaker")).toList())
                .containsExactly("breaker deezer open", "breaker deezer half_open", "breaker deezer closed");
    }

    @Test
    void clientErrorsAreNeverRetriedTransientOnesAre() throws Exception {
        ResilientGateway g = gateway(fast().maxRetries(3).build(), guard);
        server.respond(e -> TestProviderServer.Reply.status(400));
        assertThat(kindOf(() -> g.lookup(P, q("bad")))).isEqualTo(Kind.PERMANENT);
        assertThat(server.requests()).isEqualTo(1);
        server.respond(e -> TestProviderServer.Reply.status(404));
        assertThat(kindOf(() -> g.lookup(P, q("missing")))).isEqualTo(Kind.NOT_FOUND);
        assertThat(server.requests()).isEqualTo(2);
        assertThat(listener.count("retry")).isZero();
        assertThat(g.breakerState(P)).as("4xx do not count against the provider").isZero();

        server.respond(e -> TestProviderServer.Reply.status(503));
        assertThat(kindOf(() -> g.lookup(P, q("flaky")))).isEqualTo(Kind.TRANSIENT);
        assertThat(server.requests()).as("1 try + 3 retries").isEqualTo(6);
        assertThat(listener.events.stream().filter(e -> e.startsWith("retry")).toList())
                .containsExactly("retry deezer 1", "retry deezer 2", "retry deezer 3");
    }

    @Test
    void clientSignalledCapabilityMissingSwitchesItsEndpointOff() throws Exception {
        ResilientGateway g = gateway(fast().build(), guard);
        server.respond(e -> TestProviderServer.Reply.status(403));
        assertThat(kindOf(() -> g.lookup(P, q("one")))).isEqualTo(Kind.CAPABILITY_MISSING);
        assertThat(kindOf(() -> g.lookup(P, q("two")))).isEqualTo(Kind.CAPABILITY_MISSING);
        assertThat(server.requests()).as("switched off: no second request, no retry").isEqualTo(1);
        assertThat(listener.count("retry")).isZero();
        assertThat(listener.events).contains("capabilityOff deezer search");
    }

    @Test
    void aSecondIdenticalLookupMakesNoProviderCall() throws Exception {
        ResilienceSettings s = fast().build();
        ResilientGateway g = gateway(s, guard);
        server.respond(e -> TestProviderServer.Reply.ok("a1,a2"));
        List<Candidate> first = g.lookup(P, new TrackQuery("Tiësto", "Adagio For Strings", 200_000, Map.of()));
        List<Candidate> second = g.lookup(P, new TrackQuery("TIESTO", "adagio for strings", null, Map.of()));
        assertThat(server.requests()).isEqualTo(1);
        assertThat(second).isEqualTo(first).hasSize(2);
        assertThat(listener.events).containsSubsequence("cacheMiss deezer", "apiCall deezer search success", "cacheHit deezer");
        long ttl = redis.jedis().pttl(redis.prefix() + CacheKey.of(P, new TrackQuery("Tiesto", "Adagio For Strings", null, Map.of())));
        assertThat(ttl).isBetween(s.negativeTtl().toMillis(), s.cacheTtl().toMillis());

        // a different exact id is a different request
        g.lookup(P, new TrackQuery("Tiesto", "Adagio For Strings", null, Map.of("isrc", "NLA129900001")));
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void anUnreadableCacheEntryIsAMissAndGetsReplaced() throws Exception {
        ResilientGateway g = gateway(fast().build(), guard);
        String key = redis.prefix() + CacheKey.of(P, q("corrupt"));
        redis.jedis().set(key, "{not json");
        server.respond(e -> TestProviderServer.Reply.ok("c1"));
        assertThat(g.lookup(P, q("corrupt"))).extracting(Candidate::recordId).containsExactly("c1");
        assertThat(listener.events).contains("cacheMiss deezer");
        assertThat(redis.jedis().get(key)).contains("\"recordId\":\"c1\"");
        assertThat(g.lookup(P, q("corrupt"))).hasSize(1);
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void emptyAndNotFoundAnswersAreCachedBriefly() throws Exception {
        ResilienceSettings s = fast().build();
        ResilientGateway g = gateway(s, guard);
        server.respond(e -> TestProviderServer.Reply.ok("[]"));
        assertThat(g.lookup(P, q("nothing"))).isEmpty();
        assertThat(g.lookup(P, q("nothing"))).isEmpty();
        assertThat(server.requests()).isEqualTo(1);
        assertThat(listener.events).contains("apiCall deezer search not_found");
        assertThat(redis.jedis().pttl(redis.prefix() + CacheKey.of(P, q("nothing")))).isBetween(1L, s.negativeTtl().toMillis());

        server.respond(e -> TestProviderServer.Reply.status(404));
        assertThat(kindOf(() -> g.lookup(P, q("gone")))).isEqualTo(Kind.NOT_FOUND);
        assertThat(kindOf(() -> g.lookup(P, q("gone")))).isEqualTo(Kind.NOT_FOUND);
        assertThat(server.requests()).isEqualTo(2);
        assertThat(redis.jedis().pttl(redis.prefix() + CacheKey.of(P, q("gone")))).isBetween(1L, s.negativeTtl().toMillis());
    }

    @Test
    void concurrentIdenticalLookupsShareOneCall() throws Exception {
        ResilientGateway g = gateway(fast().build(), guard);
        CountDownLatch release = new CountDownLatch(1);
        server.respond(e -> {
            release.await(20, TimeUnit.SECONDS);
            return TestProviderServer.Reply.ok("s1");
        });
        int n = 8;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<List<Candidate>>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) results.add(pool.submit(() -> g.lookup(P, q("popular"))));
        try {
            Await.until("7 lookups joined the first", Duration.ofSeconds(10), () -> g.sharedLookups() == n - 1);
        } finally {
            release.countDown();
        }
        for (Future<List<Candidate>> f : results) assertThat(f.get(10, TimeUnit.SECONDS)).extracting(Candidate::recordId).containsExactly("s1");
        pool.shutdown();
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void withRedisOnAClosedPortLookupsStillCompleteAndBypassesAreCounted() throws Exception {
        try (RedisGuard down = RedisGuard.connect("localhost", Ports.unused(), redis.prefix(), Duration.ofMillis(200), Duration.ofSeconds(30))) {
            ResilientGateway g = gateway(fast().build(), down);
            server.respond(e -> TestProviderServer.Reply.ok("r1"));
            long start = System.nanoTime();
            assertThat(g.lookup(P, q("a"))).hasSize(1);
            assertThat(g.lookup(P, q("a"))).hasSize(1);
            assertThat(g.lookup(P, q("b"))).hasSize(1);
            assertThat(server.requests()).as("no cache without Redis").isEqualTo(3);
            assertThat(listener.count("cacheBypassed deezer")).isEqualTo(3);
            assertThat(listener.count("cacheHit")).isZero();
            assertThat(down.failures()).isGreaterThanOrEqualTo(6);   // 3 cache reads + 3 permits
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("fails fast, no Redis timeouts").isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterButALongerPauseIsNotWaitedFor() throws Exception {
        ResilientGateway g = gateway(fast().maxRetries(2).backoff(Duration.ofMillis(1), Duration.ofSeconds(5)).build(), guard);
        List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.respond(e -> {
            arrivals.add(System.nanoTime());
            return arrivals.size() == 1 ? new TestProviderServer.Reply(429, "", Map.of("Retry-After", "1")) : TestProviderServer.Reply.ok("w1");
        });
        assertThat(g.lookup(P, q("wait for it"))).hasSize(1);
        assertThat(arrivals).hasSize(2);
        assertThat(TimeUnit.NANOSECONDS.toMillis(arrivals.get(1) - arrivals.get(0))).isGreaterThanOrEqualTo(950);
        assertThat(listener.events).containsSubsequence("apiCall deezer search rate_limited", "retry deezer 1", "apiCall deezer search success");

        server.respond(e -> new TestProviderServer.Reply(429, "", Map.of("Retry-After", "3600")));
        assertThat(kindOf(() -> g.lookup(P, q("come back in an hour")))).isEqualTo(Kind.RATE_LIMITED);
        assertThat(server.requests()).as("no retry when Retry-After exceeds backoff_max").isEqualTo(3);
        long blockedFor = Long.parseLong(redis.jedis().hget(redis.prefix() + "ratelimit:deezer", "blocked_until"))
                - System.currentTimeMillis() * 1000;   // Redis runs on this host
        assertThat(blockedFor).as("every instance is blocked for the hour").isGreaterThan(3_500_000_000L);
    }

    @Test
    void aQuotaErrorInsideHttp200IsCountedRateLimitedSlowsDownAndIsRetried() throws Exception {
        ResilientGateway g = gateway(fast().maxRetries(2).build(), guard);
        AtomicInteger calls = new AtomicInteger();
        server.respond(e -> calls.incrementAndGet() == 1
                ? TestProviderServer.Reply.ok("{\"error\":{\"type\":\"Exception\",\"message\":\"Quota limit exceeded\",\"code\":4}}")
                : TestProviderServer.Reply.ok("z1"));
        assertThat(g.lookup(P, q("quota"))).hasSize(1);
        assertThat(listener.events).containsSubsequence("apiCall deezer search rate_limited", "apiError deezer rate_limited",
                "retry deezer 1", "apiCall deezer search success");
        assertThat(Double.parseDouble(redis.jedis().hget(redis.prefix() + "ratelimit:deezer", "factor"))).isLessThan(1.0);
    }
}
