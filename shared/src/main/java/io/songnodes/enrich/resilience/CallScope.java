package io.songnodes.enrich.resilience;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gateway attempt's HTTP requests: it holds back their apiCall events until the client has classified the
 * answer, and it can cancel every request of the attempt at once. The events wait because some providers report
 * errors inside an HTTP 200 (Deezer code 4, Last.fm code 29/6): only the client's ProviderException tells that
 * the last "200" was really rate_limited or not_found. Requests reach a scope through {@link ResilientHttp#in};
 * one made without a scope emits its event at once. Thread-safe: an attempt's requests complete on HTTP threads.
 */
public final class CallScope {
    /** One HTTP request's outcome as the transport saw it. */
    public record Call(ProviderName provider, String endpoint, String status, Duration latency, double costUsd, Duration retryAfter) {}

    private final EnrichmentListener listener;
    private final List<Call> calls = new ArrayList<>();
    private final Set<CompletableFuture<?>> requests = ConcurrentHashMap.newKeySet();
    private boolean transportFailed;
    private boolean flushed;
    private volatile boolean cancelled;

    private CallScope(EnrichmentListener listener) { this.listener = listener == null ? EnrichmentListener.NONE : listener; }

    public static CallScope open(EnrichmentListener listener) { return new CallScope(listener); }

    /** Records {@code call} in {@code scope}, or emits it right away without one (or once the scope was flushed). */
    static void record(CallScope scope, Call call, EnrichmentListener listener) {
        if (scope != null && scope.hold(call)) return;
        listener.apiCall(call.provider(), call.endpoint(), call.status(), call.latency(), call.costUsd());
    }

    private synchronized boolean hold(Call call) {
        if (flushed) return false;   // a request that ended after its attempt was given up (cancelled)
        calls.add(call);
        return true;
    }

    /** The transport itself failed (timeout, reset, capability off, no permit): its status is already right. */
    static void markTransportFailure(CallScope scope) {
        if (scope != null) scope.markTransportFailure();
    }

    private synchronized void markTransportFailure() { transportFailed = true; }

    /** Whether the transport failed in this scope (then the client's error is not about the last recorded call). */
    public synchronized boolean transportFailed() { return transportFailed; }

    public synchronized List<Call> calls() { return List.copyOf(calls); }

    /** The Retry-After of the last request in this scope, or null. */
    public synchronized Duration lastRetryAfter() { return calls.isEmpty() ? null : calls.get(calls.size() - 1).retryAfter(); }

    /** The endpoint of the last request made in this scope, or null. */
    public synchronized String lastEndpoint() { return calls.isEmpty() ? null : calls.get(calls.size() - 1).endpoint(); }

    /** Registers a request of this attempt; one registered after {@link #cancel} is cancelled at once. */
    void track(CompletableFuture<?> request) {
        requests.add(request);
        request.whenComplete((r, t) -> requests.remove(request));
        if (cancelled) request.cancel(false);
    }

    /**
     * Cancels every request of the attempt still waiting for its slot (the slot is given back) or in flight (the
     * exchange is aborted), and any the client would still start.
     */
    public void cancel() {
        cancelled = true;
        for (CompletableFuture<?> r : requests) r.cancel(false);
    }

    public boolean cancelled() { return cancelled; }

    /**
     * Emits the recorded calls. When the client classified the last answer as an error ({@code error}, null on
     * success) the last call takes that error's status (a 200 carrying Deezer code 4 becomes rate_limited, a
     * MusicBrainz 503 too); an empty successful answer counts as not_found. Calls recorded later go out at once.
     */
    public void flush(ProviderException error, boolean empty) {
        List<Call> out;
        boolean transport;
        synchronized (this) {
            out = List.copyOf(calls);
            transport = transportFailed;
            calls.clear();
            flushed = true;
        }
        for (int i = 0; i < out.size(); i++) {
            Call c = out.get(i);
            String status = c.status();
            if (i == out.size() - 1 && !transport) {
                if (error != null) status = statusOf(error.kind());
                else if (empty && "success".equals(status)) status = "not_found";
            }
            listener.apiCall(c.provider(), c.endpoint(), status, c.latency(), c.costUsd());
        }
    }

    /** The enrichment_api_calls_total status of an error kind. */
    public static String statusOf(ProviderException.Kind kind) {
        return switch (kind) {
            case RATE_LIMITED -> "rate_limited";
            case NOT_FOUND -> "not_found";
            case TIMEOUT -> "timeout";
            case CIRCUIT_OPEN -> "circuit_open";
            case BUDGET_EXHAUSTED -> "budget";
            default -> "error";
        };
    }
}
