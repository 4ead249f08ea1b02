package io.songnodes.enrich.resilience;

import io.songnodes.testing.Ports;
import static io.songnodes.enrich.ProviderName.MUSICBRAINZ;
import static io.songnodes.enrich.ProviderName.SPOTIFY;
import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.ProviderName;
import io.songnodes.testing.TestRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Monthly budgets against a real Redis, with a clock the test moves across the month's end. */
class ProviderBudgetITCase {
    /** A clock the test sets. */
    static final class MovableClock extends Clock {
        volatile Instant now;
        MovableClock(String at) { now = Instant.parse(at); }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final TestRedis redis = new TestRedis();
    private final List<RedisGuard> guards = new ArrayList<>();

    @AfterEach
    void close() {
        guards.forEach(RedisGuard::close);
        redis.close();
    }

    private RedisGuard guard() {
        RedisGuard g = RedisGuard.connect(TestRedis.HOST, TestRedis.PORT, redis.prefix(), Duration.ofMillis(500), Duration.ofSeconds(1));
        guards.add(g);
        return g;
    }

    private static ProviderBudget budget(RedisGuard g, Clock clock, Double musicbrainzBudget) {
        Map<ProviderName, Double> budgets = musicbrainzBudget == null ? Map.of() : Map.of(MUSICBRAINZ, musicbrainzBudget);
        return new ProviderBudget(g, clock, budgets, p -> p == MUSICBRAINZ ? 0.01 : 0.0);
    }

    @Test
    void fiveCentsPayForFiveCallsWarnAtEightyPercentAndEveryProcessSharesTheSpend() {
        MovableClock clock = new MovableClock("2026-11-14T10:00:00Z");
        ProviderBudget job = budget(guard(), clock, 0.05);
        ProviderBudget cli = budget(guard(), clock, 0.05);
        for (int i = 0; i < 3; i++) assertThat(job.charge(MUSICBRAINZ)).isTrue();
        assertThat(job.level(MUSICBRAINZ)).isEqualTo(ProviderBudget.Level.OK);
        assertThat(cli.charge(MUSICBRAINZ)).as("another process draws on the same budget").isTrue();
        assertThat(cli.level(MUSICBRAINZ)).as("0.04 of 0.05").isEqualTo(ProviderBudget.Level.WARNING);
        assertThat(job.charge(MUSICBRAINZ)).isTrue();
        assertThat(job.charge(MUSICBRAINZ)).as("a sixth call would overrun").isFalse();
        assertThat(cli.charge(MUSICBRAINZ)).isFalse();
        assertThat(job.allows(MUSICBRAINZ)).isFalse();
        assertThat(job.level(MUSICBRAINZ)).isEqualTo(ProviderBudget.Level.EXHAUSTED);
        assertThat(cli.spentUsd(MUSICBRAINZ)).isEqualTo(0.05);
        assertThat(redis.jedis().get(job.key(MUSICBRAINZ, YearMonth.of(2026, 11)))).isEqualTo("50000");
        // a provider without a budget (or free) is never refused
        assertThat(job.charge(SPOTIFY)).isTrue();
        assertThat(job.allows(SPOTIFY)).isTrue();
        assertThat(job.budgetUsd(SPOTIFY)).isNull();
    }

    @Test
    void anExhaustedProviderResumesOnTheFirstOfTheMonthUtc() {
        MovableClock clock = new MovableClock("2026-11-30T23:59:58Z");
        ProviderBudget b = budget(guard(), clock, 0.02);
        assertThat(b.charge(MUSICBRAINZ)).isTrue();
        assertThat(b.charge(MUSICBRAINZ)).isTrue();
        assertThat(b.charge(MUSICBRAINZ)).isFalse();
        assertThat(b.allows(MUSICBRAINZ)).isFalse();
        clock.now = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(b.allows(MUSICBRAINZ)).as("a new month, a new budget").isTrue();
        assertThat(b.spentUsd(MUSICBRAINZ)).isZero();
        assertThat(b.charge(MUSICBRAINZ)).isTrue();
        assertThat(b.spentUsd(MUSICBRAINZ)).isEqualTo(0.01);
        String november = b.key(MUSICBRAINZ, YearMonth.of(2026, 11));
        assertThat(redis.jedis().get(november)).isEqualTo("20000");
        assertThat(redis.jedis().ttl(november)).as("last month's spend expires by itself").isBetween(1L, Duration.ofDays(40).toSeconds());
    }

    @Test
    void aRaisedBudgetFromAReloadedConfigAppliesToTheSameSpend() {
        MovableClock clock = new MovableClock("2026-11-14T10:00:00Z");
        RedisGuard g = guard();
        ProviderBudget before = budget(g, clock, 0.01);
        assertThat(before.charge(MUSICBRAINZ)).isTrue();
        assertThat(before.allows(MUSICBRAINZ)).isFalse();
        ProviderBudget reloaded = budget(g, clock, 0.03);
        assertThat(reloaded.allows(MUSICBRAINZ)).isTrue();
        assertThat(reloaded.charge(MUSICBRAINZ)).isTrue();
        assertThat(reloaded.charge(MUSICBRAINZ)).isTrue();
        assertThat(reloaded.charge(MUSICBRAINZ)).isFalse();
        ProviderBudget removed = budget(g, clock, null);
        assertThat(removed.charge(MUSICBRAINZ)).as("no budget: counted, never refused").isTrue();
        assertThat(removed.spentUsd(MUSICBRAINZ)).isEqualTo(0.04);
    }

    @Test
    void concurrentCallersNeverOverrunTheBudget() throws Exception {
        MovableClock clock = new MovableClock("2026-11-14T10:00:00Z");
        ProviderBudget a = budget(guard(), clock, 0.05);
        ProviderBudget b = budget(guard(), clock, 0.05);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ProviderBudget which = i % 2 == 0 ? a : b;
                results.add(pool.submit(() -> which.charge(MUSICBRAINZ)));
            }
            int granted = 0;
            for (Future<Boolean> f : results) if (f.get()) granted++;
            assertThat(granted).isLessThanOrEqualTo(5).isGreaterThanOrEqualTo(1);
            assertThat(Long.parseLong(redis.jedis().get(a.key(MUSICBRAINZ, YearMonth.of(2026, 11))))).isEqualTo(granted * 10_000L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withRedisUnreachableTheBudgetHoldsForThisProcess() throws Exception {
        int closedPort = Ports.unused();
        RedisGuard down = RedisGuard.connect("127.0.0.1", closedPort, redis.prefix(), Duration.ofMillis(200), Duration.ofSeconds(1));
        guards.add(down);
        ProviderBudget b = budget(down, new MovableClock("2026-11-14T10:00:00Z"), 0.02);
        assertThat(b.charge(MUSICBRAINZ)).isTrue();
        assertThat(b.charge(MUSICBRAINZ)).isTrue();
        assertThat(b.charge(MUSICBRAINZ)).isFalse();
        assertThat(b.level(MUSICBRAINZ)).isEqualTo(ProviderBudget.Level.EXHAUSTED);
    }
}
