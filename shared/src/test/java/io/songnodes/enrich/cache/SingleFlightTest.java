package io.songnodes.enrich.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(flights.run("k", () -> CompletableFuture.supplyAsync(() -> {
                calls.incrementAndGet();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new CompletionException(new ProviderException("deezer", ProviderException.Kind.TRANSIENT, 500, null, "boom"));
            }, pool)));
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
        assertThat(flights.run("k", () -> CompletableFuture.completedFuture("fresh")).get()).isEqualTo("fresh");
        assertThat(flights.run("other", () -> CompletableFuture.completedFuture("x")).get()).isEqualTo("x");
    }

    @Test
    void theSharedCallIsCancelledOnlyWhenEveryCallerHasGone() {
        SingleFlight<String> flights = new SingleFlight<>();
        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> a = flights.run("k", () -> source);
        CompletableFuture<String> b = flights.run("k", () -> { throw new AssertionError("a second call started"); });
        a.cancel(true);
        assertThat(source).as("b still waits for it").isNotCancelled();
        assertThat(flights.inFlight()).isOne();
        b.cancel(true);
        assertThat(source).isCancelled();
        assertThat(flights.inFlight()).isZero();
    }
}
