package io.songnodes.tools.sim;

import io.songnodes.enrich.ProviderName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints the simulator's throughput with limits off, and how a hammering client fares against an exact limit:
 * accepted requests against the quota's theoretical maximum. Run: {@code bin/simulator-benchmark}.
 */
public final class SimulatorBenchmark {
    private SimulatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 5;
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(threads)).build();

        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.builder().catalog(SimTestSupport.catalog()).enforceLimits(false).build())) {
            hammer(http, sim.baseUrl() + "/track/3135001", threads, 1); // warm-up
            long n = hammer(http, sim.baseUrl() + "/track/3135001", threads, seconds);
            System.out.printf("throughput, limits off: %d threads, %d s: %d requests, %.0f req/s%n", threads, seconds, n, n / (double) seconds);
        }

        double scale = 10;
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.builder().catalog(SimTestSupport.catalog()).limitScale(scale).build())) {
            long start = System.nanoTime();
            long n = hammer(http, sim.baseUrl() + "/ws/2/isrc/DEAA11900001?fmt=json", threads, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            SimStats.ProviderStats s = sim.stats(ProviderName.MUSICBRAINZ);
            double window = 1.0 / scale;
            long theoreticalMax = (long) Math.floor(elapsed / window) + 1;
            System.out.printf("musicbrainz at limit-scale %.0f (1 per %.0f ms), %d hammering threads, %.1f s: %d requests, %d accepted, "
                            + "%d over-limit; accepted/theoretical max = %d/%d = %.3f (must be <= 1)%n",
                    scale, window * 1000, threads, elapsed, n, s.accepted(), s.overLimit(), s.accepted(), theoreticalMax,
                    s.accepted() / (double) theoreticalMax);
        }
        System.exit(0);
    }

    private static long hammer(HttpClient http, String url, int threads, long seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        LongAdder count = new LongAdder();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Future<?>> fs = new ArrayList<>();
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", SimTestSupport.UA).build();
        for (int i = 0; i < threads; i++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    http.send(req, HttpResponse.BodyHandlers.discarding());
                    count.increment();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get();
        pool.shutdown();
        return count.sum();
    }
}
