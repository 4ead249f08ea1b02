package io.songnodes.enrich;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The only way a provider client reaches the network. The resilience layer implements it so that every
 * single HTTP request (a token refresh, a search, an audio-features call) takes a global rate-limit
 * permit, passes the circuit breaker and gets a timeout. {@code endpoint} is a short fixed name
 * ("search", "track", "audio_features", "token") used for capability switches and metrics.
 * It returns every HTTP answer as it came (429 and 5xx included): the client classifies bodies into
 * {@link ProviderException} kinds, because some providers signal errors inside an HTTP 200. The future fails
 * only for transport failures (timeout, reset), a missing permit and a capability that is switched off.
 * Non-blocking: the future completes when the answer is in; cancelling it gives back a rate-limit slot not yet
 * used, or aborts the request in flight.
 */
@FunctionalInterface
public interface ProviderHttp {
    CompletableFuture<HttpResponse<String>> sendAsync(ProviderName provider, String endpoint, HttpRequest request);

    /** The same, waiting for the answer (tools and tests). */
    default HttpResponse<String> send(ProviderName provider, String endpoint, HttpRequest request) throws ProviderException {
        return await(sendAsync(provider, endpoint, request), provider);
    }

    /**
     * Waits for {@code f} and rethrows its {@link ProviderException} as it is; an interrupt cancels {@code f}.
     * The one place the synchronous facades (gateway, clients, HTTP) turn a future back into a value.
     */
    static <T> T await(CompletableFuture<T> f, ProviderName provider) throws ProviderException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(provider.id(), ProviderException.Kind.TRANSIENT, null, null, "interrupted");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (CancellationException e) {
            throw new ProviderException(provider.id(), ProviderException.Kind.TIMEOUT, null, null, "cancelled");
        }
    }

    /** The ProviderException inside {@code t} (unwrapping CompletionException); other throwables are rethrown unchecked. */
    static ProviderException rethrow(Throwable t) {
        Throwable c = unwrap(t);
        if (c instanceof ProviderException pe) return pe;
        if (c instanceof RuntimeException re) throw re;
        if (c instanceof Error err) throw err;
        throw new IllegalStateException(c);
    }

    /** {@code t} without the CompletionException/ExecutionException wrappers futures add. */
    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) c = c.getCause();
        return c;
    }
}
