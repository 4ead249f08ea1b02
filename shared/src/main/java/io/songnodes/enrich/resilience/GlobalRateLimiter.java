package io.songnodes.enrich.resilience;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderName;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One provider's rate limit, shared by every thread, subtask, JVM and job that uses the same Redis and key
 * prefix: GCRA (generic cell rate algorithm) evaluated atomically by a Lua script in Redis, on Redis's clock.
 *
 * <p>Written by hand because resilience4j's RateLimiter (and Bucket-like libraries without a Redis backend
 * in our dependency set) keep their state in the JVM: N subtasks would each get the full quota. GCRA is used
 * instead of a token bucket so that with burst 1 requests are strictly spaced one emission interval apart and
 * no rolling window ever holds more than the quota. A caller reserves the next free slot and is told when it
 * comes (like resilience4j's {@code reservePermission}); no thread sleeps: the end of the wait is scheduled on a
 * shared timer, so callers are served in order, no polling loop hits Redis, and the requests waiting are bounded
 * by the callers' in-flight capacity, not by threads. A reservation whose caller is cancelled is given back.
 * Because a timer can fire late on a busy machine, the actual send is also claimed in Redis: it must be one
 * interval after the previous send (and, with {@link ResilienceSettings#strictSpacing}, after the previous answer).
 *
 * <p>AIMD and Retry-After live in the same Redis hash, so one instance's 429 slows every instance down:
 * {@link #onRateLimited} multiplies the shared rate factor by {@code aimd.decreaseFactor} (at most once per
 * cooldown) and blocks all slots until Retry-After; {@link #onSuccess} adds {@code aimd.increaseStep} back.
 *
 * <p>Redis unreachable: each process falls back to the same GCRA in the JVM ({@link LocalFallbackLimiter}) at rate/fallbackInstances
 * (see {@link ResilienceSettings#fallbackInstances}), logs once per outage and counts {@link #localFallbacks}.
 */
public final class GlobalRateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(GlobalRateLimiter.class);
    private static final String KEY_TTL_MS = String.valueOf(Duration.ofHours(1).toMillis());

    // State hash {prefix}ratelimit:{provider}: tat = theoretical arrival time of the next free slot,
    // factor = AIMD share of the configured rate, blocked_until = Retry-After end, last_decrease,
    // anchor = earliest next send under strict spacing; times in
    // microseconds of the Redis clock, so hosts with skewed clocks agree.
    private static final Script ACQUIRE = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local T0 = tonumber(ARGV[1])
            local burst = tonumber(ARGV[2])
            local maxWait = tonumber(ARGV[3])
            local s = redis.call('HMGET', KEYS[1], 'tat', 'factor', 'blocked_until')
            local tat = tonumber(s[1]) or 0
            local factor = tonumber(s[2]) or 1
            local blocked = tonumber(s[3]) or 0
            local T = T0 / factor
            local tau = (burst - 1) * T
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. string.format('%.0f', math.max(now, blocked)))
            local free = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
            if free[1] and tonumber(free[2]) - now <= maxWait then
              redis.call('ZREM', KEYS[2], free[1])
              return {'1', string.format('%.0f', tonumber(free[2]) - now), '0', string.format('%.6f', factor),
                      string.format('%.0f', tonumber(free[2])), 'f' .. free[1]}
            end
            local slot = math.max(now, tat - tau, blocked)
            local wait = slot - now
            if wait > maxWait then
              return {'0', string.format('%.0f', wait), '0', string.format('%.6f', factor)}
            end
            local newTat = math.max(tat, slot) + T
            redis.call('HSET', KEYS[1], 'tat', string.format('%.0f', newTat))
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            local avail = math.floor((now + tau - newTat) / T) + 1
            if avail < 0 then avail = 0 end
            return {'1', string.format('%.0f', wait), tostring(avail), string.format('%.6f', factor), string.format('%.0f', slot),
                    string.format('%.0f', newTat)}
            """);

    // Gives back a reservation its caller will not use (its track was cancelled before the slot). The last one taken
    // moves tat back by one interval; any other goes to the sorted set of released slots ({key}:free, score = slot),
    // which ACQUIRE hands out first while they are still due: a slot the schedule granted once, so reusing it can
    // never put more requests in a window than the GCRA allows. Tokens of reused slots start with 'f'.
    private static final Script RELEASE = new Script("""
            local token = ARGV[1]
            if string.sub(token, 1, 1) == 'f' then
              token = string.sub(token, 2)
            else
              local s = redis.call('HMGET', KEYS[1], 'tat', 'factor')
              if s[1] ~= false and s[1] == token then
                local T = tonumber(ARGV[2]) / (tonumber(s[2]) or 1)
                redis.call('HSET', KEYS[1], 'tat', string.format('%.0f', tonumber(s[1]) - T))
                return 1
              end
            end
            redis.call('ZADD', KEYS[2], ARGV[3], token)
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            return 2
            """);

    private static final Script PENALIZE = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local retryAfter = tonumber(ARGV[1])
            local s = redis.call('HMGET', KEYS[1], 'factor', 'last_decrease', 'blocked_until')
            local factor = tonumber(s[1]) or 1
            local last = tonumber(s[2]) or 0
            local blocked = tonumber(s[3]) or 0
            local decreased = '0'
            if now - last >= tonumber(ARGV[4]) then
              factor = math.max(tonumber(ARGV[3]), factor * tonumber(ARGV[2]))
              redis.call('HSET', KEYS[1], 'factor', string.format('%.6f', factor), 'last_decrease', string.format('%.0f', now))
              decreased = '1'
            end
            if retryAfter > 0 and now + retryAfter > blocked then
              blocked = now + retryAfter
              redis.call('HSET', KEYS[1], 'blocked_until', string.format('%.0f', blocked))
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return {decreased, string.format('%.6f', factor), string.format('%.0f', math.max(0, blocked - now))}
            """);

    private static final Script REWARD = new Script("""
            local f = tonumber(redis.call('HGET', KEYS[1], 'factor'))
            if f == nil or f >= 1 then return '1.000000' end
            f = math.min(1, f + tonumber(ARGV[1]))
            redis.call('HSET', KEYS[1], 'factor', string.format('%.6f', f))
            return string.format('%.6f', f)
            """);

    // After the slot: is the provider blocked (Retry-After), or (anchored) was the previous send or, with strict
    // spacing, the previous answer less than one interval ago? If not, claim the send: next send >= now + T.
    // Strict spacing also holds everyone while this request is in flight (up to its timeout), because a request
    // that leaves late must not arrive right before the next instance's; the answer releases the hold.
    private static final Script CLAIM = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local s = redis.call('HMGET', KEYS[1], 'blocked_until', 'anchor', 'factor')
            local blocked = tonumber(s[1]) or 0
            local anchor = tonumber(s[2]) or 0
            local T = tonumber(ARGV[1]) / (tonumber(s[3]) or 1)
            if blocked > now then return {string.format('%.0f', blocked - now), '0', '0'} end
            if ARGV[2] == '1' then
              if anchor > now then return {'0', string.format('%.0f', anchor - now), '0'} end
              redis.call('HSET', KEYS[1], 'anchor', string.format('%.0f', now + T + tonumber(ARGV[3])))
              if ARGV[3] ~= '0' then redis.call('HSET', KEYS[1], 'inflight', string.format('%.0f', now)) end
            end
            return {'0', '0', string.format('%.0f', now)}
            """);

    // The answer to the send claimed at ARGV[3]: the next send waits one interval from now minus the discount.
    // If that send still holds the in-flight hold, the hold is replaced (lowered); otherwise it can only grow.
    private static final Script ANSWERED = new Script("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
            local s = redis.call('HMGET', KEYS[1], 'anchor', 'factor', 'inflight')
            local anchor = tonumber(s[1]) or 0
            local next = now - tonumber(ARGV[2]) + tonumber(ARGV[1]) / (tonumber(s[2]) or 1)
            if s[3] ~= false and s[3] == ARGV[3] then
              redis.call('HSET', KEYS[1], 'anchor', string.format('%.0f', next))
              redis.call('HDEL', KEYS[1], 'inflight')
            elseif next > anchor then
              redis.call('HSET', KEYS[1], 'anchor', string.format('%.0f', next))
            end
            return 1
            """);

    private final RedisGuard redis;
    private final ProviderName provider;
    private final ResilienceSettings settings;
    private final EnrichmentListener listener;
    private final ScheduledExecutorService timer;
    private final String key;
    private final String freeKey;
    private final long emissionMicros;
    // sends (not only slots) are kept one interval apart, so a caller that overslept its slot on a busy machine
    // cannot end up right before the next one; only without burst, where sends are meant to be evenly spaced
    private final boolean anchored;
    private static final int WARM_UP_ANSWERS = 5;
    private final long[] recentLatencyMicros = new long[16];
    private long answers;
    private final LocalFallbackLimiter local;
    private final LongAdder localFallbacks = new LongAdder();
    private final LongAdder releasedReservations = new LongAdder();
    private final LongAdder reservations = new LongAdder();
    private final AtomicBoolean onFallback = new AtomicBoolean();
    private volatile double lastFactor = 1;
    private volatile double lastAvailable;

    /** A limiter whose waits run on the process-wide {@link Timers#shared()} (tools and tests). */
    public GlobalRateLimiter(RedisGuard redis, ProviderName provider, ResilienceSettings settings, EnrichmentListener listener) {
        this(redis, provider, settings, listener, Timers.shared());
    }

    /** A limiter that schedules the end of every wait on {@code timer} instead of sleeping a thread. */
    public GlobalRateLimiter(RedisGuard redis, ProviderName provider, ResilienceSettings settings, EnrichmentListener listener,
                             ScheduledExecutorService timer) {
        this.redis = redis;
        this.provider = provider;
        this.settings = settings;
        this.listener = listener == null ? EnrichmentListener.NONE : listener;
        this.timer = timer;
        this.key = redis.key("ratelimit:" + provider.id());
        this.freeKey = key + ":free";
        Duration interval = settings.effectiveInterval();
        this.emissionMicros = Math.max(1, interval.toNanos() / 1000);
        this.anchored = settings.burst() == 1 || settings.strictSpacing();
        this.local = new LocalFallbackLimiter(interval, settings.fallbackInstances(), settings.aimd());
        this.lastAvailable = settings.burst();
    }

    public ProviderName provider() { return provider; }

    /** The Redis hash holding this provider's shared limiter state. */
    public String redisKey() { return key; }

    /**
     * A granted permit: how long the caller waited, the slot it got and when it was cleared to send, on the Redis
     * clock (epoch microseconds; -1 when the local fallback granted it). Slots are what the limit is enforced on,
     * so tests and the proof check them.
     */
    public record Permit(Duration waited, long slotMicros, long sendMicros, boolean global) {}

    /** Blocks until a global permit is granted, at most {@code settings.maxPermitWait()} (the CLI and tests). */
    public Permit acquire() throws ProviderException { return acquire(settings.maxPermitWait()); }

    /**
     * Blocks until {@link #acquireAsync} grants a permit. An interrupt cancels the wait and gives the slot back.
     */
    public Permit acquire(Duration maxWait) throws ProviderException {
        CompletableFuture<Permit> f = acquireAsync(maxWait);
        try {
            return f.get(maxWait.toMillis() + 60_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            f.cancel(false);
            Thread.currentThread().interrupt();
            throw new ProviderException(provider.id(), ProviderException.Kind.TRANSIENT, null, null, "interrupted waiting for a rate-limit permit");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProviderException pe) throw pe;
            throw new IllegalStateException(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            f.cancel(false);
            throw new PermitTimeoutException(provider.id(), maxWait, maxWait);
        }
    }

    /**
     * Reserves the next global slot (one Redis script, no waiting) and completes when the caller may send: at once
     * when the slot is now, else from {@code timer} when the slot comes (resilience4j's reservePermission, shared
     * through Redis). Fails with {@link PermitTimeoutException} when no slot is free within {@code maxWait}.
     * Cancelling the future before it completes gives the slot back (see RELEASE), wherever it is in the queue.
     * The caller sends one request per permit and reports its end with {@link #onAnswer} (with strict spacing the
     * other instances are held until then, or until the request timeout).
     */
    public CompletableFuture<Permit> acquireAsync(Duration maxWait) {
        Wait w = new Wait(maxWait);
        w.reserve();
        return w.result;
    }

    /** One caller's way to a permit: a reservation, a scheduled end of wait, a claim; cancellable at every step. */
    private final class Wait {
        final CompletableFuture<Permit> result = new CompletableFuture<>();
        final long start = System.nanoTime();
        final long deadline;
        final Duration maxWait;
        private boolean finished;
        private String token;                        // the Redis reservation held, or null
        private long slot;
        private LocalFallbackLimiter.Slot localSlot;  // the local reservation held, or null
        private ScheduledFuture<?> pending;

        Wait(Duration maxWait) {
            this.maxWait = maxWait;
            this.deadline = start + maxWait.toNanos();
            result.whenComplete((p, t) -> {
                if (result.isCancelled()) cancelled();
            });
        }

        void reserve() {
            if (isFinished()) return;
            long budgetMicros = Math.max(0, (deadline - System.nanoTime()) / 1000);
            List<Object> r;
            try {
                r = redis.call(j -> castList(eval(j, ACQUIRE, List.of(key, freeKey), List.of(
                        String.valueOf(emissionMicros), String.valueOf(settings.burst()), String.valueOf(budgetMicros), KEY_TTL_MS))));
            } catch (RedisUnavailableException e) {
                reserveLocally(e);
                return;
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            backOnRedis();
            long waitMicros = Long.parseLong((String) r.get(1));
            if (!"1".equals(r.get(0))) {
                fail(new PermitTimeoutException(provider.id(), Duration.ofNanos(waitMicros * 1000), maxWait));
                return;
            }
            lastAvailable = Double.parseDouble((String) r.get(2));
            lastFactor = Double.parseDouble((String) r.get(3));
            long reservedSlot = Long.parseLong((String) r.get(4));
            reservations.increment();
            synchronized (this) {
                if (finished) {
                    // cancelled while the script ran: the slot goes back at once
                    releaseRedis((String) r.get(5), reservedSlot);
                    return;
                }
                token = (String) r.get(5);
                slot = reservedSlot;
            }
            if (waitMicros > 0 || anchored) after(waitMicros, this::claim);
            else grant(reservedSlot, reservedSlot);
        }

        private void reserveLocally(RedisUnavailableException cause) {
            localFallbacks.increment();
            if (onFallback.compareAndSet(false, true)) {
                LOG.warn("{} limiter: Redis unavailable ({}); limiting per process at {} / {} instance(s) until it is back",
                        provider.id(), cause.getMessage(), settings.rate(), settings.fallbackInstances());
            }
            long now = System.nanoTime();
            long budget = Math.max(0, deadline - now);
            LocalFallbackLimiter.Slot s = local.reserve(now, budget);
            if (s == null) {
                fail(new PermitTimeoutException(provider.id(), Duration.ofNanos(budget), Duration.ofNanos(budget)));
                return;
            }
            reservations.increment();
            synchronized (this) {
                if (finished) {
                    releaseLocal(s);
                    return;
                }
                localSlot = s;
            }
            lastAvailable = local.availablePermits(now);
            lastFactor = local.factor();
            after(Math.max(0, (s.atNanos() - now) / 1000), () -> grant(-1, -1));
        }

        /** After the slot: Retry-After block, or strict spacing (anchor); otherwise the send is claimed now. */
        private void claim() {
            if (isFinished()) return;
            List<Object> r;
            try {
                r = redis.call(j -> castList(eval(j, CLAIM, List.of(key), List.of(
                        String.valueOf(emissionMicros), anchored ? "1" : "0",
                        settings.strictSpacing() ? String.valueOf(settings.timeout().toNanos() / 1000) : "0"))));
            } catch (RedisUnavailableException e) {
                grant(slot, slot);   // we hold a slot already; the local limiter takes over on the next reservation
                return;
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            if (Long.parseLong((String) r.get(0)) > 0) {
                // a Retry-After that arrived while we waited voids our slot: take a new one behind the block
                synchronized (this) { token = null; }
                reserve();
                return;
            }
            long anchorWait = Long.parseLong((String) r.get(1));
            if (anchorWait == 0) {
                grant(slot, Long.parseLong((String) r.get(2)));
                return;
            }
            if (System.nanoTime() + anchorWait * 1000 > deadline) {
                fail(new PermitTimeoutException(provider.id(), Duration.ofNanos(anchorWait * 1000), maxWait));
                return;
            }
            after(anchorWait, this::claim);
        }

        private void after(long micros, Runnable next) {
            if (micros <= 0) {
                next.run();
                return;
            }
            synchronized (this) {
                if (finished) return;
                try {
                    pending = timer.schedule(next, micros, TimeUnit.MICROSECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    pending = null;
                }
                if (pending != null) return;
            }
            fail(new ProviderException(provider.id(), ProviderException.Kind.TRANSIENT, null, null, "limiter timer is shut down"));
        }

        private void grant(long grantedSlot, long sendMicros) {
            synchronized (this) {
                if (finished) return;
                finished = true;
                token = null;
                localSlot = null;
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            listener.limiterWait(provider, waited, lastAvailable, grantedSlot < 0 ? 1 : settings.burst());
            result.complete(new Permit(waited, grantedSlot, sendMicros, grantedSlot >= 0));
        }

        private void fail(Throwable t) {
            if (finishAndRelease()) result.completeExceptionally(t);
        }

        private void cancelled() { finishAndRelease(); }

        /** Ends the wait without a permit, giving back the slot it holds; false when it had ended already. */
        private boolean finishAndRelease() {
            String held;
            long heldSlot;
            LocalFallbackLimiter.Slot heldLocal;
            synchronized (this) {
                if (finished) return false;
                finished = true;
                if (pending != null) pending.cancel(false);
                held = token;
                heldSlot = slot;
                heldLocal = localSlot;
                token = null;
                localSlot = null;
            }
            if (held != null) releaseRedis(held, heldSlot);
            if (heldLocal != null) releaseLocal(heldLocal);
            return true;
        }

        private synchronized boolean isFinished() { return finished || result.isDone(); }
    }

    /** Returns an unused Redis reservation (see RELEASE). */
    private void releaseRedis(String token, long slotMicros) {
        try {
            redis.call(j -> eval(j, RELEASE, List.of(key, freeKey), List.of(token, String.valueOf(emissionMicros),
                    String.valueOf(slotMicros), KEY_TTL_MS)));
            releasedReservations.increment();
        } catch (RedisUnavailableException | RuntimeException e) {
            // the slot stays taken: the limit only gets stricter
        }
    }

    private void releaseLocal(LocalFallbackLimiter.Slot s) {
        local.release(s);
        releasedReservations.increment();
    }

    /** Reservations given back because their caller was cancelled (or failed) before its slot. */
    public long releasedReservations() { return releasedReservations.sum(); }

    /** Slots reserved (in Redis or locally); each ends as a send or as a {@linkplain #releasedReservations release}. */
    public long reservations() { return reservations.sum(); }

    /** The Redis sorted set of released slots waiting to be reused. */
    public String freeSlotsKey() { return freeKey; }

    private void backOnRedis() {
        if (onFallback.compareAndSet(true, false)) LOG.info("{} limiter: Redis is back, global limit restored", provider.id());
    }

    /**
     * The provider answered {@code permit}'s request after {@code latency} (or the request timed out). The request may have reached the
     * provider as late as now, so the next send waits one interval from now minus this instance's typical round
     * trip (median of the last 16): a request of usual speed costs nothing, one that left late (cold connection,
     * GC pause, busy machine) pushes the next one back by its delay. With strict spacing, and for each instance's
     * first answers while the JVM and its connections warm up, nothing is discounted.
     */
    public void onAnswer(Permit permit, Duration latency) {
        if (!anchored || !permit.global()) return;
        long micros = Math.max(0, latency.toNanos() / 1000);
        long discount;
        synchronized (recentLatencyMicros) {
            recentLatencyMicros[(int) (answers % recentLatencyMicros.length)] = micros;
            answers++;
            discount = settings.strictSpacing() || answers <= WARM_UP_ANSWERS ? 0 : medianLatencyMicros();
        }
        try {
            redis.call(j -> eval(j, ANSWERED, List.of(key), List.of(String.valueOf(emissionMicros), String.valueOf(discount),
                    String.valueOf(permit.sendMicros()))));
        } catch (RedisUnavailableException e) {
            // the local fallback spaces by slot only
        }
    }

    private long medianLatencyMicros() {
        int n = (int) Math.min(answers, recentLatencyMicros.length);
        long[] sorted = java.util.Arrays.copyOf(recentLatencyMicros, n);
        java.util.Arrays.sort(sorted);
        return sorted[n / 2];
    }

    /**
     * The provider said "too many requests" (429, MusicBrainz 503, Deezer code 4, Last.fm code 29): shrink the
     * shared rate and block every instance until {@code retryAfter} (null when the provider gave none).
     */
    public void onRateLimited(Duration retryAfter) {
        long retryMicros = retryAfter == null || retryAfter.isNegative() ? 0 : retryAfter.toNanos() / 1000;
        try {
            List<Object> r = redis.call(j -> castList(eval(j, PENALIZE, List.of(key), List.of(
                    String.valueOf(retryMicros), String.valueOf(settings.aimd().decreaseFactor()), String.valueOf(settings.aimd().minFactor()),
                    String.valueOf(settings.aimd().decreaseCooldown().toNanos() / 1000),
                    // the state must outlive a long Retry-After block
                    String.valueOf(Math.max(Long.parseLong(KEY_TTL_MS), retryMicros / 1000 + 60_000))))));
            lastFactor = Double.parseDouble((String) r.get(1));
            if ("1".equals(r.get(0))) {
                LOG.info("{} rate limited: shared rate now {} of {} (retry-after {})", provider.id(), r.get(1), settings.rate(), retryAfter);
            }
        } catch (RedisUnavailableException e) {
            local.penalize(retryAfter, System.nanoTime());
            lastFactor = local.factor();
        }
    }

    /** A request succeeded: grow the shared rate back toward the configured one (no Redis call at full rate). */
    public void onSuccess() {
        if (lastFactor >= 1) return;
        try {
            lastFactor = Double.parseDouble((String) redis.call(j -> eval(j, REWARD, List.of(key), List.of(
                    String.valueOf(settings.aimd().increaseStep())))));
        } catch (RedisUnavailableException e) {
            local.reward();
            lastFactor = local.factor();
        }
    }

    /** The AIMD share of the configured rate last seen (1 = full rate). */
    public double rateFactor() { return lastFactor; }

    /** Permits that could be taken right now, as of the last acquire (gauge api_gateway_rate_limiter_tokens_available). */
    public double tokensAvailable() { return lastAvailable; }

    /** The burst capacity (gauge api_gateway_rate_limiter_capacity). */
    public double capacity() { return settings.burst(); }

    /** Acquires served by the local fallback because Redis was unavailable. */
    public long localFallbacks() { return localFallbacks.sum(); }

    public ResilienceSettings settings() { return settings; }

    /**
     * A Lua script run by its SHA-1 (EVALSHA): sending the whole body with every EVAL cost more job CPU than the rest
     * of the call (the bytes encoded per request) and made Redis hash it each time. Redis keeps scripts until it
     * restarts or flushes them; then the one NOSCRIPT answer is followed by an EVAL, which loads it again.
     */
    record Script(String body, String sha) {
        Script(String body) { this(body, sha1(body)); }

        private static String sha1(String body) {
            try {
                return java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-1").digest(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required by every JVM", e);
            }
        }
    }

    /** The SHA-1 the reservation script runs under (tests). */
    static String acquireScriptSha() { return ACQUIRE.sha(); }

    static Object eval(redis.clients.jedis.UnifiedJedis j, Script script, List<String> keys, List<String> args) {
        try {
            return j.evalsha(script.sha(), keys, args);
        } catch (redis.clients.jedis.exceptions.JedisNoScriptException e) {
            return j.eval(script.body(), keys, args);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) { return (List<Object>) o; }
}
