package io.songnodes.enrich.resilience;

import io.songnodes.enrich.config.Rate;
import com.sun.net.httpserver.HttpServer;
import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderName;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark-style proof that the global limiter holds across separate instances: N enrichers, each with its
 * own Redis pool, limiter and {@link ResilientHttp} (as N subtasks or JVMs would have), hammer one provider
 * endpoint for a duration. Prints requests, over-limit answers and quota use; exit code 0 when there were
 * no over-limit answers and at least 90% of the quota was used.
 *
 * <pre>
 * java -cp shared.jar:deps io.songnodes.enrich.resilience.GlobalLimiterProof \
 *   --base-url http://localhost:8089 --provider musicbrainz --rate 1/s --duration 30s --instances 4 \
 *   [--path /ws/2/recording?query=...] [--admin-url http://localhost:8089/__admin/counts] \
 *   [--redis-host localhost --redis-port 6379] [--prefix proof-x:] [--local-server] [--strict true|false] [--margin 0.05]
 * </pre>
 * {@code --local-server} starts an in-process server that enforces the rate as a strict rolling window
 * (503 on excess), for a run without the simulator. An Authorization header value may come from the
 * environment variable SONGNODES_PROOF_AUTHORIZATION and the Last.fm key from LASTFM_API_KEY (never from the
 * command line). For separate JVMs start
 * several with {@code --instances 1} and the same {@code --prefix}, and judge by the simulator's admin counts
 * (each JVM's own "quota used" is its share).
 *
 * <p>Classpath: {@code mvn -q -o -pl shared dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt} then
 * {@code java -cp shared/target/classes:$(cat /tmp/cp.txt) io.songnodes.enrich.resilience.GlobalLimiterProof ...}.
 */
public final class GlobalLimiterProof {
    private static final Map<ProviderName, String> DEFAULT_PATHS = Map.of(
            ProviderName.MUSICBRAINZ, "/ws/2/recording?query=artist:%22Daft%20Punk%22%20AND%20recording:%22One%20More%20Time%22&fmt=json",
            ProviderName.DEEZER, "/search?q=artist:%22Daft%20Punk%22%20track:%22One%20More%20Time%22",
            ProviderName.DISCOGS, "/database/search?type=release&artist=Daft%20Punk&track=One%20More%20Time",
            ProviderName.LASTFM, "/2.0/?method=track.getInfo&artist=Daft%20Punk&track=One%20More%20Time&format=json",
            ProviderName.SPOTIFY, "/v1/search?type=track&limit=10&q=artist:Daft%20Punk%20track:One%20More%20Time",
            ProviderName.BEATPORT, "/v4/catalog/search?type=tracks&q=Daft%20Punk%20One%20More%20Time");

    private GlobalLimiterProof() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parse(args);
        ProviderName provider = ProviderName.of(a.getOrDefault("provider", "musicbrainz"));
        Rate rate = Rate.parse(a.getOrDefault("rate", "1/s"));
        Duration duration = Duration.parse("PT" + a.getOrDefault("duration", "30s").toUpperCase());
        int instances = Integer.parseInt(a.getOrDefault("instances", "4"));
        String givenPath = a.getOrDefault("path", DEFAULT_PATHS.get(provider));
        String lastfmKey = System.getenv("LASTFM_API_KEY");
        if (provider == ProviderName.LASTFM && !a.containsKey("path") && lastfmKey != null && !lastfmKey.isBlank()) {
            givenPath += "&api_key=" + java.net.URLEncoder.encode(lastfmKey, StandardCharsets.UTF_8);
        }
        String path = givenPath;
        // separate JVMs pass the same --prefix to share one limiter; by default a fresh one per run
        String prefix = a.getOrDefault("prefix", "proof-" + UUID.randomUUID().toString().substring(0, 8) + ":");
        HttpServer local = a.containsKey("local-server") ? strictServer(rate) : null;
        String base = local != null ? "http://127.0.0.1:" + local.getAddress().getPort() : a.get("base-url");
        if (base == null) throw new IllegalArgumentException("--base-url is required (or --local-server)");
        String adminUrl = a.get("admin-url");
        String auth = System.getenv("SONGNODES_PROOF_AUTHORIZATION");
        HttpClient plain = HttpClient.newHttpClient();

        System.out.printf("proof: %d instances, %s at %s for %s against %s%s (redis prefix %s)%n",
                instances, provider.id(), rate, duration, base, path.replaceAll("api_key=[^&]*", "api_key=***"), prefix);
        if (adminUrl != null) System.out.println("admin before: " + fetch(plain, adminUrl));

        ResilienceSettings.Builder sb = ResilienceSettings.builder(provider).rate(rate)
                .maxPermitWait(duration.plusSeconds(5)).timeout(Duration.ofSeconds(10));
        if (a.containsKey("strict")) sb.strictSpacing(Boolean.parseBoolean(a.get("strict")));
        if (a.containsKey("margin")) sb.safetyMargin(Double.parseDouble(a.get("margin")));
        ResilienceSettings settings = sb.build();
        System.out.printf("limiter: effective interval %s, strict spacing %s%n", settings.effectiveInterval(), settings.strictSpacing());
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger acceptedInWindow = new AtomicInteger();
        AtomicInteger overLimit = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        List<Long> permits = java.util.Collections.synchronizedList(new ArrayList<>());
        // the window starts with the first permit, so JVM and connection warm-up do not count against quota use
        java.util.concurrent.atomic.AtomicLong firstPermit = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        ThreadLocal<Long> myPermit = new ThreadLocal<>();
        EnrichmentListener permitRecorder = new EnrichmentListener() {
            @Override public void limiterWait(ProviderName p, Duration waited, double tokens, double capacity) {
                long now = System.nanoTime();
                firstPermit.compareAndSet(Long.MAX_VALUE, now);
                myPermit.set(now);
                permits.add(now);
            }
        };
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<?>> runs = new ArrayList<>();
        List<Resilience> toClose = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            RedisGuard guard = RedisGuard.connect(a.getOrDefault("redis-host", "localhost"), Integer.parseInt(a.getOrDefault("redis-port", "6379")),
                    prefix, Duration.ofMillis(500), Duration.ofSeconds(2));
            Resilience r = new Resilience(guard, Map.of(provider, settings), permitRecorder);
            toClose.add(r);
            ResilientHttp http = new ResilientHttp(ResilientHttp.defaultClient(Duration.ofSeconds(5)), r);
            runs.add(pool.submit(() -> {
                while (System.nanoTime() < (firstPermit.get() == Long.MAX_VALUE ? start + 30_000_000_000L : firstPermit.get() + duration.toNanos())) {
                    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + path)).GET()
                            .header("User-Agent", "SongNodes-GlobalLimiterProof/0.1 (https://github.com/songnodes)");
                    if (auth != null) req.header("Authorization", auth);
                    HttpResponse<String> resp;
                    try {
                        resp = http.send(provider, "search", req.build());
                    } catch (ProviderException e) {
                        other.incrementAndGet();
                        continue;
                    }
                    sent.incrementAndGet();
                    if (isOverLimit(resp)) {
                        overLimit.incrementAndGet();
                    } else if (resp.statusCode() / 100 == 2) {
                        accepted.incrementAndGet();
                        if (myPermit.get() < firstPermit.get() + duration.toNanos()) acceptedInWindow.incrementAndGet();
                    } else {
                        other.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : runs) f.get();
        pool.shutdown();
        if (!a.containsKey("prefix")) {
            // a fresh prefix per run: leave nothing behind in Redis
            try {
                Resilience first = toClose.get(0);
                first.redis().call(j -> j.del(first.limiter(provider).redisKey()));
            } catch (RedisUnavailableException e) {
                System.out.println("could not remove the limiter key: " + e.getMessage());
            }
        }
        toClose.forEach(Resilience::close);

        double quota = rate.perSecond() * duration.toNanos() / 1e9;
        List<Long> sorted = new ArrayList<>(permits);
        java.util.Collections.sort(sorted);
        System.out.printf("sent %d, accepted %d (%d inside the %s window), over-limit answers %d, other %d%n",
                sent.get(), accepted.get(), acceptedInWindow.get(), duration, overLimit.get(), other.get());
        if (!sorted.isEmpty()) {
            System.out.printf("first permit %d ms after start, last %d ms after start, mean spacing %.1f ms%n",
                    (sorted.get(0) - start) / 1_000_000, (sorted.get(sorted.size() - 1) - start) / 1_000_000,
                    sorted.size() < 2 ? 0.0 : (sorted.get(sorted.size() - 1) - sorted.get(0)) / 1e6 / (sorted.size() - 1));
        }
        System.out.printf("quota %.1f requests, used %.1f%%; max permits in any rolling %s (client clock): %d of %.0f allowed%n",
                quota, 100.0 * acceptedInWindow.get() / quota, rate.period(), maxInWindow(sorted, rate.period().toNanos()), rate.permits());
        if (adminUrl != null) System.out.println("admin after: " + fetch(plain, adminUrl));
        if (local != null) local.stop(0);
        boolean ok = overLimit.get() == 0 && acceptedInWindow.get() >= 0.9 * quota;
        System.out.println(ok ? "PASS: 0 over-limit answers and >= 90% of the quota used" : "FAIL");
        System.exit(ok ? 0 : 1);
    }

    /** 429, 503, Deezer code 4 inside a 200, Last.fm code 29. */
    static boolean isOverLimit(HttpResponse<String> r) {
        if (r.statusCode() == 429 || r.statusCode() == 503) return true;
        String b = r.body() == null ? "" : r.body().replace(" ", "");
        return b.contains("\"code\":4}") || b.contains("\"code\":4,") || b.contains("\"error\":29");
    }

    /** A server that allows {@code rate.permits()} requests in any rolling {@code rate.period()} and answers 503 beyond. */
    private static HttpServer strictServer(Rate rate) throws java.io.IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        Deque<Long> window = new ArrayDeque<>();
        s.createContext("/", ex -> {
            boolean ok;
            synchronized (window) {
                long now = System.nanoTime();
                while (!window.isEmpty() && now - window.peekFirst() >= rate.period().toNanos()) window.pollFirst();
                ok = window.size() < rate.permits();
                if (ok) window.addLast(now);
            }
            byte[] body = (ok ? "{\"recordings\":[]}" : "{\"error\":\"rate limited\"}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ok ? 200 : 503, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        s.setExecutor(Executors.newCachedThreadPool());
        s.start();
        return s;
    }

    private static int maxInWindow(List<Long> sorted, long window) {
        int max = 0;
        int lo = 0;
        for (int hi = 0; hi < sorted.size(); hi++) {
            while (sorted.get(hi) - sorted.get(lo) >= window) lo++;
            max = Math.max(max, hi - lo + 1);
        }
        return max;
    }

    private static String fetch(HttpClient c, String url) {
        try {
            return c.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "unavailable: " + e;
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String k = args[i].substring(2);
            if (k.equals("local-server")) m.put(k, "true");
            else if (i + 1 < args.length) m.put(k, args[++i]);
            else throw new IllegalArgumentException("--" + k + " needs a value");
        }
        return m;
    }
}
