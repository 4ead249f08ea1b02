package io.songnodes.enrich.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
    @Test
    void waitersShareTheLeadersErrorAndTheNextCallRunsAgain() throws Exception {
        SingleFlight<String> flights = new SingleFlight<>();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(pool.submit(() -> flights.run("k", () -> {
                calls.incrementAndGet();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ProviderException("deezer", ProviderException.Kind.TRANSIENT, 500, null, "boom");
            })));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (flights.joined() < 3 && System.nanoTime() < deadline) LockSupport.parkNanos(2_000_000);
        release.countDown();
        for (Future<String> f : futures) {
            assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ProviderException.class);
        }
        pool.shutdown();
        assertThat(calls).hasValue(1);
        assertThat(flights.inFlight()).isZero();
        assertThat(flights.run("k", () -> "fresh")).isEqualTo("fresh");
        assertThat(flights.run("other", () -> "x")).isEqualTo("x");
    }
}
