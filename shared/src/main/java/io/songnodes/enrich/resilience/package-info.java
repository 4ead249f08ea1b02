/**
 * Per-provider resilience around the provider clients, plain Java (no Flink).
 *
 * <ul>
 *   <li>{@link io.songnodes.enrich.resilience.GlobalRateLimiter}: GCRA in Redis, one quota across threads, subtasks,
 *       JVMs and jobs; AIMD and Retry-After shared; local resilience4j fallback when Redis is unreachable.</li>
 *   <li>{@link io.songnodes.enrich.resilience.ResilientHttp}: the {@code ProviderHttp} every client uses: permit,
 *       timeout, rate headers, capability switch, apiCall events.</li>
 *   <li>{@link io.songnodes.enrich.resilience.ResilientGateway}: the {@code ProviderGateway} the waterfall uses:
 *       cache, single-flight, retry with full jitter, circuit breaker.</li>
 * </ul>
 *
 * <p>Redis keys, all under the configured prefix ({@code songnodes:} by default):
 * <ul>
 *   <li>{@code {prefix}ratelimit:{provider}}: hash {@code tat}, {@code factor}, {@code blocked_until},
 *       {@code last_decrease} (microseconds of the Redis clock); expires after an hour idle.</li>
 *   <li>{@code {prefix}cache:{provider}:{sha256 of the normalised request}}: JSON
 *       {@code {"candidates":[...],"negative":null|"empty"|"not_found"}} with the provider's cache or negative TTL.</li>
 * </ul>
 *
 * <p>Wiring, once per process (a Flink subtask's {@code open()}):
 * <pre>{@code
 * RedisGuard redis = RedisGuard.connect(host, port, "songnodes:", Duration.ofMillis(300), Duration.ofSeconds(10));
 * Resilience r = new Resilience(redis, settingsByProvider, listener);
 * ProviderHttp http = new ResilientHttp(ResilientHttp.defaultClient(Duration.ofSeconds(5)), r);
 * ProviderGateway gateway = new ResilientGateway(clientsBuiltWith(http), r, new LookupCache(redis, listener));
 * }</pre>
 */
package io.songnodes.enrich.resilience;
