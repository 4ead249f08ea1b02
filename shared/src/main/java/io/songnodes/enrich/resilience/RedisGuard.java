package io.songnodes.enrich.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.util.JedisURIHelper;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis access for the limiter and the cache that never lets a Redis fault reach a track: every command
 * runs behind a resilience4j breaker, so after a failure Redis is skipped (callers fall back) for
 * {@code retryAfter} instead of paying a connect timeout on every call.
 */
public final class RedisGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisGuard.class);

    private final UnifiedJedis redis;
    private final boolean owned;
    private final String keyPrefix;
    private final CircuitBreaker breaker;
    private final LongAdder failures = new LongAdder();

    /**
     * @param redis the client (shared, not closed by this guard); null means "no Redis configured": every call fails over
     * @param keyPrefix prepended to every key ("songnodes:" in production, a random prefix in tests)
     * @param retryAfter how long Redis is skipped after a failure before one probe command is let through
     */
    public RedisGuard(UnifiedJedis redis, String keyPrefix, Duration retryAfter) {
        this(redis, false, keyPrefix, retryAfter);
    }

    private RedisGuard(UnifiedJedis redis, boolean owned, String keyPrefix, Duration retryAfter) {
        this.redis = redis;
        this.owned = owned;
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.breaker = CircuitBreaker.of("redis", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(1)
                .minimumNumberOfCalls(1)
                .failureRateThreshold(100)
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitDurationInOpenState(retryAfter)
                // only connection trouble means "Redis is down"; a script or data error is a bug and surfaces
                .recordException(e -> e instanceof JedisConnectionException)
                .build());
        breaker.getEventPublisher().onStateTransition(e -> {
            switch (e.getStateTransition().getToState()) {
                case OPEN -> LOG.warn("Redis at {} unreachable: limiter falls back to local limits and the cache is bypassed for {}",
                        keyPrefix, retryAfter);
                case CLOSED -> LOG.info("Redis reachable again (prefix {})", keyPrefix);
                default -> { }
            }
        });
    }

    /**
     * A pooled client with short timeouts, so a closed port or a dead host fails in milliseconds; the guard owns
     * and closes it.
     */
    public static RedisGuard connect(String host, int port, String keyPrefix, Duration timeout, Duration retryAfter) {
        return connect(URI.create("redis://" + host + ":" + port), keyPrefix, timeout, retryAfter);
    }

    /**
     * The same from a whole Redis URI: {@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS.
     * Every part counts (a password-protected or TLS-only Redis must work as well as a local one).
     */
    public static RedisGuard connect(URI uri, String keyPrefix, Duration timeout, Duration retryAfter) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        // one connection per thread running lookups (the HttpClient's, the timer, the task threads) at most;
        // exhaustion must not read as "Redis is down"
        pool.setMaxTotal(256);
        pool.setMaxIdle(64);
        // a busy pool is not a down Redis: wait longer for a connection than for an answer
        pool.setMaxWait(timeout.multipliedBy(10));
        pool.setMinIdle(4);
        JedisPooled client = new JedisPooled(JedisURIHelper.getHostAndPort(uri), DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .build(), pool);
        return new RedisGuard(client, true, keyPrefix, retryAfter);
    }

    /** A guard with no Redis at all: every command fails over (limiter local, cache bypassed). */
    public static RedisGuard none(String keyPrefix) { return new RedisGuard(null, false, keyPrefix, Duration.ofDays(1)); }

    public String key(String suffix) { return keyPrefix + suffix; }

    /** Runs {@code command}; any connection problem or a known-down Redis becomes {@link RedisUnavailableException}. */
    public <T> T call(Function<UnifiedJedis, T> command) throws RedisUnavailableException {
        if (redis == null) {
            failures.increment();
            throw new RedisUnavailableException("no Redis configured", null);
        }
        try {
            return breaker.executeSupplier(() -> command.apply(redis));
        } catch (CallNotPermittedException e) {
            failures.increment();
            throw new RedisUnavailableException("Redis skipped after a recent failure", e);
        } catch (JedisConnectionException e) {
            failures.increment();
            throw new RedisUnavailableException("Redis unreachable: " + e.getMessage(), e);
        } catch (JedisException e) {
            // pool exhaustion and similar; not a reason to fail a track
            failures.increment();
            throw new RedisUnavailableException("Redis error: " + e.getMessage(), e);
        }
    }

    /** Commands that failed over since start (a gauge for "Redis down" without a dedicated metric name). */
    public long failures() { return failures.sum(); }

    public boolean available() { return redis != null && breaker.getState() != CircuitBreaker.State.OPEN; }

    @Override public void close() {
        if (owned && redis != null) redis.close();
    }
}
