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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The network path of every provider client: capability switch, a global rate-limit permit per request, a
 * per-call timeout covering the whole body, rate headers and Retry-After fed back to the limiter, and one
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
        return HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public HttpResponse<String> send(ProviderName provider, String endpoint, HttpRequest request) throws ProviderException {
        HttpRequest current = request;
        for (int hop = 0; ; hop++) {
            HttpResponse<String> response = sendOnce(provider, endpoint, current);
            int code = response.statusCode();
            if (code != 301 && code != 302 && code != 303 && code != 307 && code != 308) return response;
            java.util.Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) return response;
            java.net.URI from = current.uri();
            java.net.URI to;
            try {
                to = from.resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                throw new ProviderException(provider.id(), Kind.PERMANENT, code, null, endpoint + ": malformed redirect location");
            }
            if (!sameOrigin(from, to)) {
                throw new ProviderException(provider.id(), Kind.PERMANENT, code, null, endpoint + ": redirect to " + to.getScheme() + "://"
                        + to.getHost() + " refused: provider credentials are never sent to another origin");
            }
            if (hop + 1 > MAX_REDIRECTS) {
                throw new ProviderException(provider.id(), Kind.PERMANENT, code, null, endpoint + ": more than " + MAX_REDIRECTS + " redirects");
            }
            HttpRequest.Builder next = HttpRequest.newBuilder(current, (n, v) -> true).uri(to);
            if (code == 303) next.GET();
            current = next.build();
        }
    }

    static boolean sameOrigin(java.net.URI a, java.net.URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(java.net.URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private HttpResponse<String> sendOnce(ProviderName provider, String endpoint, HttpRequest request) throws ProviderException {
        ResilienceSettings s = resilience.settings(provider);
        if (resilience.capabilities().isOff(provider, endpoint)) {
            CallScope.markTransportFailure();
            throw new ProviderException(provider.id(), Kind.CAPABILITY_MISSING, null, null,
                    "endpoint '" + endpoint + "' is switched off for this run");
        }
        if (!resilience.budget().charge(provider)) {
            CallScope.record(new CallScope.Call(provider, endpoint, "budget", Duration.ZERO, 0, null), listener);
            CallScope.markTransportFailure();
            throw ProviderBudget.exhausted(provider);
        }
        GlobalRateLimiter limiter = resilience.limiter(provider);
        GlobalRateLimiter.Permit permit;
        try {
            permit = limiter.acquire();
        } catch (ProviderException e) {
            resilience.budget().refund(provider);
            CallScope.markTransportFailure();
            throw e;
        }
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> future = null;
        HttpResponse<String> response;
        try {
            HttpRequest timed = HttpRequest.newBuilder(request, (n, v) -> true)
                    .timeout(request.timeout().filter(t -> t.compareTo(s.timeout()) < 0).orElse(s.timeout())).build();
            future = client.sendAsync(timed, body);
            // the request timeout covers the headers only; this bound covers the body as well
            response = future.get(s.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw transportFailure(provider, endpoint, t0, s, Kind.TIMEOUT, "timeout", "no answer within " + s.timeout());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (tooLarge(cause) != null) {
                throw transportFailure(provider, endpoint, t0, s, Kind.PERMANENT, "error", tooLarge(cause).getMessage());
            }
            if (cause instanceof HttpTimeoutException) {
                throw transportFailure(provider, endpoint, t0, s, Kind.TIMEOUT, "timeout", "no answer within " + s.timeout());
            }
            String what = cause instanceof IOException ? "transport failure: " + cause : "request failed: " + cause;
            throw transportFailure(provider, endpoint, t0, s, Kind.TRANSIENT, "error", what);
        } catch (InterruptedException e) {
            future.cancel(true);   // only get() is interruptible, so the future exists
            Thread.currentThread().interrupt();
            throw transportFailure(provider, endpoint, t0, s, Kind.TRANSIENT, "error", "interrupted");
        } finally {
            // whatever happened, the request may have reached the provider as late as now
            limiter.onAnswer(permit, Duration.ofNanos(System.nanoTime() - t0));
        }
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
        CallScope.record(new CallScope.Call(provider, endpoint, status, latency, s.costPerCallUsd(), retryAfter), listener);
        return response;
    }

    private ProviderException transportFailure(ProviderName provider, String endpoint, long t0, ResilienceSettings s,
                                               Kind kind, String status, String message) {
        CallScope.record(new CallScope.Call(provider, endpoint, status, Duration.ofNanos(System.nanoTime() - t0), s.costPerCallUsd(), null), listener);
        CallScope.markTransportFailure();
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
