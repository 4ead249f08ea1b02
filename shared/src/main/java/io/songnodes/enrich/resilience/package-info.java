/**
 * Per-provider resilience around the provider clients, plain Java (no Flink).
 *
 * <ul>
 *   <li>{@link io.songnodes.enrich.resilience.GlobalRateLimiter}: GCRA in Redis, one quota across threads, subtasks,
 *       JVMs and jobs; AIMD and Retry-After shared; a slot is reserved and its wait scheduled on a timer (no thread
 *       sleeps), and given back when its caller is cancelled; a local GCRA fallback when Redis is unreachable.</li>
 *   <li>{@link io.songnodes.enrich.resilience.ResilientHttp}: the {@code ProviderHttp} every client uses: permit,
 *       timeout, rate headers, capability switch, apiCall events.</li>
 *   <li>{@link io.songnodes.enrich.resilience.ResilientGateway}: the {@code ProviderGateway} the waterfall uses:
 *       cache, single-flight, retry with full jitter, circuit breaker.</li>
 * </ul>
 *
 * <p>Redis keys, all under the configured prefix ({@code songnodes:} by default):
 * <ul>
 *   <li>{@code {prefix}ratelimit:{provider}}: hash {@code tat} (next free GCRA slot), {@code factor} (AIMD share
 *       of the configured rate), {@code blocked_until} (Retry-After), {@code last_decrease}, {@code anchor}
 *       (earliest next send); microseconds of the Redis clock; expires after an hour idle (or after a longer block).</li>
 *   <li>{@code {prefix}ratelimit:{provider}:free}: sorted set of slots given back by cancelled callers (score = the
 *       slot), handed out first while still due; expires after an hour.</li>
 *   <li>{@code {prefix}cache:{provider}:{sha256 of the normalised request}}: JSON
 *       {@code {"candidates":[...],"negative":null|"empty"|"not_found"}} with the provider's cache or negative TTL.</li>
 * </ul>
 *
 * <p>Redis unreachable: the limiter falls back per process to {@link io.songnodes.enrich.resilience.LocalFallbackLimiter} at
 * rate/{@code fallback_instances} (default 1: full rate per process, AIMD then reacts to 429s; set it to the
 * total parallelism to stay within quota), logs once per outage and counts
 * {@link io.songnodes.enrich.resilience.GlobalRateLimiter#localFallbacks()}; the cache is bypassed and every
 * bypass is reported ({@code cacheBypassed}). Redis is then skipped for the guard's retry interval, so a dead
 * Redis costs one fast failure per interval, not one timeout per call.
 *
 * <p>Wiring, once per process (a Flink subtask's {@code open()}):
 * <pre>{@code
 * RedisGuard redis = RedisGuard.connect(host, port, "songnodes:", Duration.ofMillis(300), Duration.ofSeconds(10));
 * Resilience r = new Resilience(redis, settingsByProvider, listener);
 * ResilientHttp http = new ResilientHttp(ResilientHttp.defaultClient(Duration.ofSeconds(5)), r);
 * ProviderGateway gateway = new ResilientGateway(clientsBuiltWith(http), http, r, new LookupCache(redis, listener));
 * }</pre>
 */
package io.songnodes.enrich.resilience;
