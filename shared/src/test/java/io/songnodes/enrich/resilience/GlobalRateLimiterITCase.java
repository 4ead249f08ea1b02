package io.songnodes.enrich.resilience;

import io.songnodes.testing.Await;
import io.songnodes.testing.Ports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.songnodes.enrich.ProviderName;
import io.songnodes.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GlobalRateLimiterITCase {
    private final TestRedis redis = new TestRedis();
    private final List<RedisGuard> guards = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        guards.forEach(RedisGuard::close);
        redis.close();
    }

    /** A limiter with its own Redis connection pool, as a separate subtask or JVM would have. */
    private GlobalRateLimiter instance(ResilienceSettings s, RecordingListener listener) {
        RedisGuard g = RedisGuard.connect(TestRedis.HOST, TestRedis.PORT, redis.prefix(), Duration.ofMillis(500), Duration.ofSeconds(1));
        guards.add(g);
        return new GlobalRateLimiter(g, ProviderName.MUSICBRAINZ, s, listener);
    }

    @Test
    void scriptsRunByTheirHashAndAreLoadedAgainAfterAFlush() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("100/s").burst(5).strictSpacing(false).build();
        GlobalRateLimiter limiter = instance(s, new RecordingListener());
        String sha = GlobalRateLimiter.acquireScriptSha();
        assertThat(limiter.acquire().global()).isTrue();
        try (redis.clients.jedis.JedisPooled j = new redis.clients.jedis.JedisPooled(TestRedis.HOST, TestRedis.PORT)) {
            assertThat(j.scriptExists(List.of(sha))).as("loaded by the first call").containsExactly(true);
            // a restarted or flushed Redis has no scripts: the NOSCRIPT answer is followed by an EVAL, not by the local fallback
            j.scriptFlush();
            assertThat(limiter.acquire().global()).isTrue();
            assertThat(j.scriptExists(List.of(sha))).containsExactly(true);
        }
        assertThat(limiter.acquire().global()).isTrue();
        assertThat(limiter.localFallbacks()).isZero();
    }

    @Test
    void fourSeparateInstancesShareOneQuotaAndUseIt() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("10/s").strictSpacing(false).safetyMargin(0.05).build();
        RecordingListener listener = new RecordingListener();
        List<GlobalRateLimiter> limiters = List.of(instance(s, listener), instance(s, listener), instance(s, listener), instance(s, listener));
        List<Long> slots = Collections.synchronizedList(new ArrayList<>());
        List<Long> sends = Collections.synchronizedList(new ArrayList<>());
        List<Long> wakeNanos = Collections.synchronizedList(new ArrayList<>());
        long runNanos = Duration.ofMillis(3300).toNanos();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> perInstance = new ArrayList<>();
        for (GlobalRateLimiter limiter : limiters) {
            perInstance.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() - start < runNanos) {
                    GlobalRateLimiter.Permit p = limiter.acquire();
                    wakeNanos.add(System.nanoTime());
                    assertThat(p.global()).isTrue();
                    slots.add(p.slotMicros());
                    sends.add(p.sendMicros());
                    n++;
                }
                return n;
            }));
        }
        for (Future<Integer> f : perInstance) assertThat(f.get()).as("every instance got permits").isPositive();
        pool.shutdown();

        List<Long> sorted = new ArrayList<>(slots);
        Collections.sort(sorted);
        // the schedule on Redis's clock: never more than 10 in any rolling second
        assertThat(maxInWindow(sorted, 1_000_000)).isLessThanOrEqualTo(10);
        // the claimed sends on Redis's clock, which a late-waking thread cannot squeeze together
        List<Long> sortedSends = new ArrayList<>(sends);
        Collections.sort(sortedSends);
        assertThat(maxInWindow(sortedSends, 1_000_000)).isLessThanOrEqualTo(10);
        // as the callers woke: one extra allowed for thread wake-up jitter on a loaded machine
        List<Long> woke = new ArrayList<>(wakeNanos);
        Collections.sort(woke);
        assertThat(maxInWindow(woke, 1_000_000_000L)).isLessThanOrEqualTo(11);
        // quota use: slots in the first 3 s after the first one, against 30 allowed (95% headroom by default)
        long first = sorted.get(0);
        long used = sorted.stream().filter(t -> t < first + 3_000_000).count();
        assertThat(used).as("permits in 3 s at 10/s").isGreaterThanOrEqualTo(27);
        assertThat(listener.count("limiterWait musicbrainz 1.0")).isEqualTo(slots.size());
    }

    @Test
    void rateLimitedAnswerSlowsEveryInstanceOnceAndBlocksUntilRetryAfter() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("20/s").safetyMargin(0).strictSpacing(false)
                .aimd(new ResilienceSettings.Aimd(0.5, 0.25, 0.1, Duration.ofSeconds(30))).build();
        GlobalRateLimiter a = instance(s, new RecordingListener());
        GlobalRateLimiter b = instance(s, new RecordingListener());
        a.acquire();

        a.onRateLimited(Duration.ofMillis(400));
        a.onRateLimited(null);   // the same burst of 429s seen twice: one decrease only
        String key = a.redisKey();
        assertThat(Double.parseDouble(redis.jedis().hget(key, "factor"))).isEqualTo(0.5);
        long blockedUntil = Long.parseLong(redis.jedis().hget(key, "blocked_until"));

        GlobalRateLimiter.Permit first = b.acquire();
        assertThat(first.slotMicros()).as("no slot inside the Retry-After block").isGreaterThanOrEqualTo(blockedUntil);
        assertThat(first.waited()).isGreaterThan(Duration.ofMillis(100));
        assertThat(b.rateFactor()).isEqualTo(0.5);
        GlobalRateLimiter.Permit second = b.acquire();
        // 20/s halved: 100 ms apart instead of 50
        assertThat((double) (second.slotMicros() - first.slotMicros())).isCloseTo(100_000, within(2.0));

        b.onSuccess();
        assertThat(Double.parseDouble(redis.jedis().hget(key, "factor"))).isEqualTo(0.75);
        b.onSuccess();
        b.onSuccess();
        assertThat(Double.parseDouble(redis.jedis().hget(key, "factor"))).isEqualTo(1.0);
        GlobalRateLimiter.Permit third = a.acquire();
        GlobalRateLimiter.Permit fourth = a.acquire();
        assertThat((double) (fourth.slotMicros() - third.slotMicros())).isCloseTo(50_000, within(2.0));
    }

    @Test
    void aPermitThatWouldComeTooLateIsRefusedWithoutTakingASlot() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("1/min").safetyMargin(0).strictSpacing(false).build();
        GlobalRateLimiter a = instance(s, new RecordingListener());
        GlobalRateLimiter.Permit p = a.acquire(Duration.ZERO);
        assertThatThrownBy(() -> a.acquire(Duration.ofMillis(20))).isInstanceOf(PermitTimeoutException.class)
                .hasMessageContaining("no rate-limit permit");
        long tat = Long.parseLong(redis.jedis().hget(a.redisKey(), "tat"));
        assertThat(tat - p.slotMicros()).as("the refused caller reserved nothing").isEqualTo(60_000_000);
    }

    @Test
    void withRedisUnreachableEachProcessStillLimitsLocally() throws Exception {
        RedisGuard down = RedisGuard.connect("localhost", Ports.unused(), redis.prefix(), Duration.ofMillis(200), Duration.ofSeconds(30));
        guards.add(down);
        // 20/s shared by 2 assumed instances, 95%: one permit per ~105 ms in this process
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("20/s").fallbackInstances(2).build();
        RecordingListener listener = new RecordingListener();
        GlobalRateLimiter limiter = new GlobalRateLimiter(down, ProviderName.MUSICBRAINZ, s, listener);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            GlobalRateLimiter.Permit p = limiter.acquire();
            assertThat(p.global()).isFalse();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertThat(limiter.localFallbacks()).isEqualTo(5);
        assertThat(down.failures()).isGreaterThanOrEqualTo(5);
        assertThat(listener.count("limiterWait")).isEqualTo(5);
        // 5 permits need 5 refresh periods of ~105 ms: at least 3 whole periods passed
        assertThat(elapsed).isGreaterThan(Duration.ofMillis(300));
        limiter.onRateLimited(Duration.ofMillis(10));
        assertThat(limiter.rateFactor()).isEqualTo(0.5);
    }

    @Test
    void strictSpacingHoldsTheNextSendUntilAnIntervalAfterTheLateAnswer() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("1/s").safetyMargin(0).strictSpacing(true).build();
        GlobalRateLimiter a = instance(s, new RecordingListener());
        GlobalRateLimiter b = instance(s, new RecordingListener());
        GlobalRateLimiter.Permit first = a.acquire();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Thread[] bThread = new Thread[1];
        Future<GlobalRateLimiter.Permit> second = pool.submit(() -> {
            bThread[0] = Thread.currentThread();
            return b.acquire();
        });
        // a's request is in flight: b is held (up to a's timeout) until a answers, whatever its slot says
        Await.until("b waits", Duration.ofSeconds(5), () -> bThread[0] != null && bThread[0].getState() == Thread.State.TIMED_WAITING);
        assertThat(Long.parseLong(redis.jedis().hget(a.redisKey(), "anchor")))
                .as("held for a's timeout").isGreaterThanOrEqualTo(first.sendMicros() + 1_000_000 + s.timeout().toNanos() / 1000);
        a.onAnswer(first, Duration.ofMillis(5));
        long anchor = Long.parseLong(redis.jedis().hget(a.redisKey(), "anchor"));
        GlobalRateLimiter.Permit p = second.get();
        pool.shutdown();
        assertThat(p.slotMicros() - first.slotMicros()).isEqualTo(1_000_000);
        assertThat(anchor).as("the answer came after a's slot").isGreaterThan(first.slotMicros() + 1_000_000);
        assertThat(p.sendMicros()).as("b sent one interval after a's answer, not at its slot").isGreaterThanOrEqualTo(anchor);
    }

    @Test
    void afterWarmUpAnAnswerAnchorsTheNextSendOneIntervalAfterItMinusTheTypicalRoundTrip() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.LASTFM).rate("1/s").safetyMargin(0).build();
        GlobalRateLimiter a = instance(s, new RecordingListener());
        GlobalRateLimiter.Permit permit = a.acquire();
        for (int i = 1; i <= 12; i++) {
            redis.jedis().hdel(a.redisKey(), "anchor");
            long before = System.currentTimeMillis() * 1000;   // Redis runs on this host: same wall clock
            a.onAnswer(permit, Duration.ofMillis(i <= 2 ? 400 : 30));
            long after = System.currentTimeMillis() * 1000;
            long anchor = Long.parseLong(redis.jedis().hget(a.redisKey(), "anchor"));
            // warming up (5 answers): a full interval after the answer; then the typical 30 ms are discounted
            long discount = i <= 5 ? 0 : 30_000;
            assertThat(anchor).as("answer " + i).isBetween(before - discount + 1_000_000 - 2_000, after - discount + 1_000_000 + 2_000);
        }
    }

    private static int maxInWindow(List<Long> sortedTimes, long window) {
        int max = 0;
        int lo = 0;
        for (int hi = 0; hi < sortedTimes.size(); hi++) {
            while (sortedTimes.get(hi) - sortedTimes.get(lo) >= window) lo++;
            max = Math.max(max, hi - lo + 1);
        }
        return max;
    }

    @Test
    void aCallerCancelledWhileWaitingGivesItsSlotBack() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("1/s").strictSpacing(false).build();
        GlobalRateLimiter limiter = instance(s, new RecordingListener());
        GlobalRateLimiter.Permit first = limiter.acquire();
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread waiting = new Thread(() -> {
            try {
                limiter.acquire();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        waiting.start();
        Await.until("the second caller waits for its slot", Duration.ofSeconds(5), () -> waiting.getState() == Thread.State.TIMED_WAITING);
        waiting.interrupt();   // what a timed-out track's cancellation does
        waiting.join(5_000);
        assertThat(outcome.get()).isInstanceOf(io.songnodes.enrich.ProviderException.class).hasMessageContaining("interrupted");
        assertThat(limiter.releasedReservations()).isEqualTo(1);
        // the next caller gets the slot the cancelled one gave back: one interval after the first, not two
        GlobalRateLimiter.Permit next = limiter.acquire();
        long interval = s.effectiveInterval().toNanos() / 1000;
        assertThat(next.slotMicros() - first.slotMicros()).isLessThan(interval * 3 / 2);
    }

    @Test
    void aCancelledReservationInTheMiddleOfTheQueueGivesItsSlotToTheNextCaller() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("2/s").safetyMargin(0).strictSpacing(false).build();
        GlobalRateLimiter limiter = instance(s, new RecordingListener());
        long interval = s.effectiveInterval().toNanos() / 1000;
        GlobalRateLimiter.Permit first = limiter.acquire();
        java.util.concurrent.CompletableFuture<GlobalRateLimiter.Permit> second = limiter.acquireAsync(Duration.ofSeconds(10));
        java.util.concurrent.CompletableFuture<GlobalRateLimiter.Permit> third = limiter.acquireAsync(Duration.ofSeconds(10));
        assertThat(second.cancel(false)).isTrue();   // a timed-out track: not the last reservation taken
        assertThat(limiter.releasedReservations()).isEqualTo(1);
        assertThat(redis.jedis().zcard(limiter.freeSlotsKey())).as("kept for reuse").isEqualTo(1);
        GlobalRateLimiter.Permit fourth = limiter.acquire();
        GlobalRateLimiter.Permit thirdPermit = third.get();
        assertThat(fourth.slotMicros() - first.slotMicros()).as("the second's slot, one interval after the first").isEqualTo(interval);
        assertThat(thirdPermit.slotMicros() - first.slotMicros()).as("unmoved").isEqualTo(2 * interval);
        // and the schedule goes on after the third: no slot was doubled
        assertThat(limiter.acquire().slotMicros() - first.slotMicros()).isEqualTo(3 * interval);
        assertThat(redis.jedis().zcard(limiter.freeSlotsKey())).isZero();
    }

    @Test
    void aReleasedSlotThatHasPassedIsNotHandedOut() throws Exception {
        ResilienceSettings s = ResilienceSettings.builder(ProviderName.MUSICBRAINZ).rate("5/s").safetyMargin(0).strictSpacing(false).build();
        GlobalRateLimiter limiter = instance(s, new RecordingListener());
        limiter.acquire();
        java.util.concurrent.CompletableFuture<GlobalRateLimiter.Permit> second = limiter.acquireAsync(Duration.ofSeconds(10));
        java.util.concurrent.CompletableFuture<GlobalRateLimiter.Permit> third = limiter.acquireAsync(Duration.ofSeconds(10));
        second.cancel(false);
        GlobalRateLimiter.Permit thirdPermit = third.get();
        Thread.sleep(300);   // the released slot (200 ms after the first) is in the past now
        GlobalRateLimiter.Permit next = limiter.acquire(Duration.ZERO);
        assertThat(next.slotMicros()).as("a slot from now on, not the past one").isGreaterThan(thirdPermit.slotMicros() + 200_000);
        assertThat(redis.jedis().zcard(limiter.freeSlotsKey())).as("dropped, not reused").isZero();
    }
}
