package io.songnodes.enrich;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The only way a provider client reaches the network. The resilience layer implements it so that every
 * single HTTP request (a token refresh, a search, an audio-features call) takes a global rate-limit
 * permit, passes the circuit breaker and gets a timeout. {@code endpoint} is a short fixed name
 * ("search", "track", "audio_features", "token") used for capability switches and metrics.
 * It returns every HTTP answer as it came (429 and 5xx included): the client classifies bodies into
 * {@link ProviderException} kinds, because some providers signal errors inside an HTTP 200. It throws only
 * for transport failures (timeout, reset) and for a capability that is switched off.
 */
public interface ProviderHttp {
    HttpResponse<String> send(ProviderName provider, String endpoint, HttpRequest request) throws ProviderException;
}
