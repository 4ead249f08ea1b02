package io.songnodes.enrich.resilience;

import io.songnodes.enrich.EnrichmentListener;
import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderName;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds back the apiCall events of the HTTP requests made during one gateway lookup, on this thread, until
 * the client has classified the answer. Needed because some providers report errors inside an HTTP 200
 * (Deezer code 4, Last.fm code 29/6): only the client's ProviderException tells that the last "200" was
 * really rate_limited or not_found. Outside a scope (a client used without the gateway) events go out at once.
 */
public final class CallScope implements AutoCloseable {
    private static final ThreadLocal<CallScope> CURRENT = new ThreadLocal<>();

    /** One HTTP request's outcome as the transport saw it. */
    public record Call(ProviderName provider, String endpoint, String status, Duration latency, double costUsd, Duration retryAfter) {}

    private final List<Call> calls = new ArrayList<>();
    private final CallScope outer;
    private boolean transportFailed;

    private CallScope() { this.outer = CURRENT.get(); }

    public static CallScope open() {
        CallScope s = new CallScope();
        CURRENT.set(s);
        return s;
    }

    /** Records {@code call} in the open scope, or emits it right away when none is open. */
    static void record(Call call, EnrichmentListener listener) {
        CallScope s = CURRENT.get();
        if (s == null) listener.apiCall(call.provider(), call.endpoint(), call.status(), call.latency(), call.costUsd());
        else s.calls.add(call);
    }

    /** The transport itself threw (timeout, reset, capability off, no permit): its status is already right. */
    static void markTransportFailure() {
        CallScope s = CURRENT.get();
        if (s != null) s.transportFailed = true;
    }

    /** Whether the transport threw in this scope (then the client's error is not about the last recorded call). */
    public boolean transportFailed() { return transportFailed; }

    /** The current thread's scope, or null. */
    static CallScope current() { return CURRENT.get(); }

    public List<Call> calls() { return List.copyOf(calls); }

    /** The Retry-After of the last request in this scope, or null. */
    public Duration lastRetryAfter() { return calls.isEmpty() ? null : calls.get(calls.size() - 1).retryAfter(); }

    /** The endpoint of the last request made in this scope, or null. */
    public String lastEndpoint() { return calls.isEmpty() ? null : calls.get(calls.size() - 1).endpoint(); }

    /**
     * Emits the recorded calls. When the client classified the last answer as an error ({@code error}, null on
     * success) the last call takes that error's status (a 200 carrying Deezer code 4 becomes rate_limited, a
     * MusicBrainz 503 too); an empty successful answer counts as not_found.
     */
    public void flush(EnrichmentListener listener, ProviderException error, boolean empty) {
        for (int i = 0; i < calls.size(); i++) {
            Call c = calls.get(i);
            String status = c.status();
            if (i == calls.size() - 1 && !transportFailed) {
                if (error != null) status = statusOf(error.kind());
                else if (empty && "success".equals(status)) status = "not_found";
            }
            listener.apiCall(c.provider(), c.endpoint(), status, c.latency(), c.costUsd());
        }
        calls.clear();
        transportFailed = false;
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

    @Override public void close() {
        if (outer == null) CURRENT.remove();
        else CURRENT.set(outer);
    }
}
