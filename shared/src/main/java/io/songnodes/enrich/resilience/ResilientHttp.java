package io.songnodes.enrich.resilience;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderException.Kind;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The network path of every provider client, non-blocking (HttpClient.sendAsync): capability switch, a global
 * rate-limit slot per request (reserved, the send scheduled for it: no thread waits), a per-call timeout covering
 * the whole body, rate headers and Retry-After fed back to the limiter, and one
 * apiCall event per request (status, latency, cost). HTTP answers are returned as they came; only transport
 * failures, a switched-off endpoint, a missing permit, a body over the size cap and a redirect that leaves the
 * provider's origin throw.
 *
 * <p>Redirects are never followed by the HttpClient: it would copy every header, Authorization included, to
 * wherever the Location points. A redirect within the same origin (scheme, host, port) is followed here, at
 * most {@link #MAX_REDIRECTS} times and each hop under its own permit; one to another origin fails the call.
 */
public final class ResilientHttp implements ProviderHttp {
    /** Headers providers use for the remaining quota (Discogs sends the first). */
    static final List<String> REMAINING_HEADERS = List.of("X-Discogs-Ratelimit-Remaining", "X-RateLimit-Remaining", "RateLimit-Remaining");

    static final int MAX_REDIRECTS = 3;

    private static final java.util.concurrent.atomic.AtomicBoolean WARNED_POOL = new java.util.concurrent.atomic.AtomicBoolean();

    private final HttpClient client;
    private final Resilience resilience;
    private final CappedBody body;
    private final EnrichmentListener listener;
    private final Clock clock;

    public ResilientHttp(HttpClient client, Resilience resilience) {
        this(client, resilience, Clock.systemUTC());
    }

    public ResilientHttp(HttpClient client, Resilience resilience, Clock clock) {
        this(client, resilience, clock, CappedBody.DEFAULT_MAX_BYTES);
    }

    /** As above, refusing response bodies over {@code maxBodyBytes}. */
    public ResilientHttp(HttpClient client, Resilience resilience, Clock clock, long maxBodyBytes) {
        if (maxBodyBytes < 1) throw new IllegalArgumentException("maxBodyBytes must be >= 1, got " + maxBodyBytes);
        this.body = new CappedBody(maxBodyBytes);
        this.client = client;
        this.resilience = resilience;
        this.listener = resilience.listener();
        this.clock = clock;
    }

    /** An HttpClient with a connect timeout, HTTP/1.1 (what the providers and the simulator speak) and no redirects (see above). */
    public static HttpClient defaultClient(Duration connectTimeout) {
        if (java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() < 2 && WARNED_POOL.compareAndSet(false, true)) {
            // the client completes every sendAsync on CompletableFuture's default executor: with a common pool of
            // parallelism 1 (2 cores or fewer) that is a new thread per provider answer
            org.slf4j.LoggerFactory.getLogger(ResilientHttp.class).warn("ForkJoinPool common parallelism is {}: the HttpClient starts a thread "
                    + "per provider answer; start the JVM with -Djava.util.concurrent.ForkJoinPool.common.parallelism=8 (flink-conf/config.yaml does)",
                    java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());
        }
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CompletableFuture<HttpResponse<String>> sendAsync(ProviderName provider, String endpoint, HttpRequest request) {
        return sendAsync(provider, endpoint, request, null);
    }

    /** This transport with every request recorded in, and cancelled with, {@code scope} (one gateway attempt). */
    public ProviderHttp in(CallScope scope) {
        return (provider, endpoint, request) -> sendAsync(provider, endpoint, request, scope);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(ProviderName provider, String endpoint, HttpRequest request, CallScope scope) {
        return hop(provider, endpoint, request, scope, 0);
    }

    private CompletableFuture<HttpResponse<String>> hop(ProviderName provider, String endpoint, HttpRequest current, CallScope scope, int hop) {
        return sendOnce(provider, endpoint, current, scope).thenCompose(response -> {
            int code = response.statusCode();
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) return CompletableFuture.completedFuture(response);
            java.util.Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) return CompletableFuture.completedFuture(response);
            java.net.URI from = current.uri();
            java.net.URI to;
            try {
                to = from.resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(
                        new ProviderException(provider.id(), Kind.PERMANENT, code, null, endpoint + ": malformed redirect location"));
            }
            if (!sameOrigin(from, to)) {
                return CompletableFuture.failedFuture(new ProviderException(provider.id(), Kind.PERMANENT, code, null, endpoint + ": redirect to "
                        + to.getScheme() + "://" + to.getHost() + " refused: provider credentials are never sent to another origin"));
            }
            if (hop + 1 > MAX_REDIRECTS) {
                return CompletableFuture.failedFuture(
                        new ProviderException(provider.id(), Kind.PERMANENT, code, null, endpoint + ": more than " + MAX_REDIRECTS + " redirects"));
            }
            HttpRequest.Builder next = HttpRequest.newBuilder(current, (n, v) -> true).uri(to);
            if (code == 303) next.GET();
            return hop(provider, endpoint, next.build(), scope, hop + 1);
        });
    }

    static boolean sameOrigin(java.net.URI a, java.net.URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(java.net.URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * One request: capability switch, budget charge, a reserved rate-limit slot (no thread waits for it), then the
     * exchange under the timeout. Cancelling the returned future before the send releases the slot and refunds the
     * budget; after it, it aborts the exchange.
     */
    private CompletableFuture<HttpResponse<String>> sendOnce(ProviderName provider, String endpoint, HttpRequest request, CallScope scope) {
        ResilienceSettings s = resilience.settings(provider);
        if (resilience.capabilities().isOff(provider, endpoint)) {
            CallScope.markTransportFailure(scope);
            return CompletableFuture.failedFuture(new ProviderException(provider.id(), Kind.CAPABILITY_MISSING, null, null,
                    "endpoint '" + endpoint + "' is switched off for this run"));
        }
        if (scope != null && scope.cancelled()) return CompletableFuture.failedFuture(new java.util.concurrent.CancellationException());
        if (!resilience.budget().charge(provider)) {
            CallScope.record(scope, new CallScope.Call(provider, endpoint, "budget", Duration.ZERO, 0, null), listener);
            CallScope.markTransportFailure(scope);
            return CompletableFuture.failedFuture(ProviderBudget.exhausted(provider));
        }
        GlobalRateLimiter limiter = resilience.limiter(provider);
        Exchange x = new Exchange(provider, endpoint, request, scope, s, limiter);
        if (scope != null) scope.track(x.result);
        x.start();
        return x.result;
    }

    /** One request's way through slot, send and answer; {@code result} is what the client sees. */
    private final class Exchange {
        final CompletableFuture<HttpResponse<String>> result = new CompletableFuture<>();
        final ProviderName provider;
        final String endpoint;
        final HttpRequest request;
        final CallScope scope;
        final ResilienceSettings s;
        final GlobalRateLimiter limiter;
        private CompletableFuture<GlobalRateLimiter.Permit> permit;
        private CompletableFuture<HttpResponse<String>> http;
        private boolean sent;
        private volatile boolean timedOut;

        Exchange(ProviderName provider, String endpoint, HttpRequest request, CallScope scope, ResilienceSettings s, GlobalRateLimiter limiter) {
            this.provider = provider;
            this.endpoint = endpoint;
            this.request = request;
            this.scope = scope;
            this.s = s;
            this.limiter = limiter;
        }

        void start() {
            CompletableFuture<GlobalRateLimiter.Permit> p = limiter.acquireAsync(s.maxPermitWait());
            synchronized (this) { permit = p; }
            result.whenComplete((r, t) -> {
                if (result.isCancelled()) cancelled();
            });
            p.whenComplete((granted, t) -> {
                if (t != null) {
                    if (p.isCancelled()) return;   // our own cancel: the limiter gave the slot back, cancelled() refunds
                    resilience.budget().refund(provider);
                    CallScope.markTransportFailure(scope);
                    Throwable c = ProviderHttp.unwrap(t);
                    result.completeExceptionally(c instanceof ProviderException ? c : new ProviderException(provider.id(), Kind.TRANSIENT,
                            null, null, endpoint + ": rate-limit permit failed: " + c));
                    return;
                }
                send(granted);
            });
        }

        private void send(GlobalRateLimiter.Permit granted) {
            HttpRequest timed = HttpRequest.newBuilder(request, (n, v) -> true)
                    .timeout(request.timeout().filter(t -> t.compareTo(s.timeout()) < 0).orElse(s.timeout())).build();
            long t0 = System.nanoTime();
            CompletableFuture<HttpResponse<String>> h;
            synchronized (this) {
                if (result.isDone()) {
                    // cancelled between the grant and now: the permit goes unused (its slot has passed)
                    limiter.onAnswer(granted, Duration.ZERO);
                    resilience.budget().refund(provider);
                    return;
                }
                sent = true;
                h = client.sendAsync(timed, body);
                http = h;
            }
            // the request timeout covers the headers only; this bound covers the body as well
            java.util.concurrent.ScheduledFuture<?> deadline = schedule(() -> {
                timedOut = true;
                h.cancel(true);
            }, s.timeout());
            h.whenComplete((response, t) -> {
                if (deadline != null) deadline.cancel(false);
                // whatever happened, the request may have reached the provider as late as now
                limiter.onAnswer(granted, Duration.ofNanos(System.nanoTime() - t0));
                if (t == null) {
                    answered(response, t0);
                    return;
                }
                Throwable cause = ProviderHttp.unwrap(t);
                if (timedOut || cause instanceof HttpTimeoutException) {
                    result.completeExceptionally(transportFailure(provider, endpoint, t0, s, Kind.TIMEOUT, "timeout", "no answer within " + s.timeout(), scope));
                } else if (cause instanceof java.util.concurrent.CancellationException) {
                    // the track was cancelled: the request went out, so it is counted (as a timeout: the track ran out of time)
                    CallScope.record(scope, new CallScope.Call(provider, endpoint, "timeout", Duration.ofNanos(System.nanoTime() - t0),
                            s.costPerCallUsd(), null), listener);
                } else if (tooLarge(cause) != null) {
                    result.completeExceptionally(transportFailure(provider, endpoint, t0, s, Kind.PERMANENT, "error", tooLarge(cause).getMessage(), scope));
                } else {
                    String what = cause instanceof IOException ? "transport failure: " + cause : "request failed: " + cause;
                    result.completeExceptionally(transportFailure(provider, endpoint, t0, s, Kind.TRANSIENT, "error", what, scope));
                }
            });
        }

        private void answered(HttpResponse<String> response, long t0) {
            try {
                result.complete(classify(provider, endpoint, response, t0, s, scope, limiter));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        /** The client gave the request up: a slot not yet used goes back (and its charge), a request in flight is aborted. */
        private void cancelled() {
            CompletableFuture<GlobalRateLimiter.Permit> p;
            CompletableFuture<HttpResponse<String>> h;
            boolean wasSent;
            synchronized (this) {
                p = permit;
                h = http;
                wasSent = sent;
            }
            if (!wasSent) {
                // refund only a slot we gave back: a permit already granted is refunded by send(), which finds us done
                if (p != null && p.cancel(false)) resilience.budget().refund(provider);
            } else if (h != null) {
                h.cancel(true);
            }
        }
    }

    private java.util.concurrent.ScheduledFuture<?> schedule(Runnable r, Duration after) {
        try {
            return resilience.timer().schedule(r, after.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return null;   // shutting down: the HttpClient's own request timeout still bounds the headers
        }
    }

    /** The answer as it came, with its status, rate headers and Retry-After fed back to the limiter and the metrics. */
    private HttpResponse<String> classify(ProviderName provider, String endpoint, HttpResponse<String> response, long t0, ResilienceSettings s,
                                          CallScope scope, GlobalRateLimiter limiter) {
        Duration latency = Duration.ofNanos(System.nanoTime() - t0);
        int code = response.statusCode();
        Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), clock);
        Optional<Long> remaining = remaining(response);
        remaining.ifPresent(r -> listener.rateLimitRemaining(provider, r));

        String status;
        if (code >= 200 && code < 300) {
            status = "success";
            limiter.onSuccess();
        } else if (code == 404) {
            status = "not_found";
        } else if (code == 429) {
            status = "rate_limited";
            limiter.onRateLimited(retryAfter);
        } else {
            status = "error";
            // a 503 with Retry-After is the provider asking us to slow down (MusicBrainz); without one the
            // client decides (a MusicBrainz 503 is classified RATE_LIMITED and the gateway slows down)
            if (code == 503 && retryAfter != null) limiter.onRateLimited(retryAfter);
        }
        if (code == 403 && s.capabilityEndpoints().contains(endpoint)) resilience.capabilities().switchOff(provider, endpoint);
        // the window is used up: slow down now instead of collecting the 429 (no block: the window end is unknown)
        if (remaining.isPresent() && remaining.get() == 0 && code != 429) limiter.onRateLimited(null);
        CallScope.record(scope, new CallScope.Call(provider, endpoint, status, latency, s.costPerCallUsd(), retryAfter), listener);
        return response;
    }

    private ProviderException transportFailure(ProviderName provider, String endpoint, long t0, ResilienceSettings s,
                                               Kind kind, String status, String message, CallScope scope) {
        CallScope.record(scope, new CallScope.Call(provider, endpoint, status, Duration.ofNanos(System.nanoTime() - t0), s.costPerCallUsd(), null), listener);
        CallScope.markTransportFailure(scope);
        return new ProviderException(provider.id(), kind, null, null, endpoint + ": " + message);
    }

    private static CappedBody.TooLargeException tooLarge(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) if (c instanceof CappedBody.TooLargeException e) return e;
        return null;
    }

    private static Optional<Long> remaining(HttpResponse<String> response) {
        for (String h : REMAINING_HEADERS) {
            Optional<String> v = response.headers().firstValue(h);
            if (v.isPresent()) {
                try {
                    return Optional.of(Long.parseLong(v.get().trim()));
                } catch (NumberFormatException ignored) {
                    // a malformed header must not fail the call
                }
            }
        }
        return Optional.empty();
    }
}
