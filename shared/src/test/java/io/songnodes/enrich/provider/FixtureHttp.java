package io.songnodes.enrich.provider;

import io.songnodes.enrich.ProviderException;
import io.songnodes.enrich.ProviderHttp;
import io.songnodes.enrich.ProviderName;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLSession;

/**
 * A {@link ProviderHttp} that answers queued bodies (from the kit's recorded fixtures) in order and records
 * every request, so tests assert both the parsing and the exact requests a client sends. An unexpected
 * request fails the test.
 */
final class FixtureHttp implements ProviderHttp {
    /** One request as the client sent it, with its body drained to text. */
    record Sent(ProviderName provider, String endpoint, HttpRequest request, String body) {
        String uri() { return request.uri().toString(); }
        String method() { return request.method(); }
        String header(String name) { return request.headers().firstValue(name).orElse(null); }
    }

    private final Deque<Object> answers = new ArrayDeque<>();
    final List<Sent> sent = new ArrayList<>();

    /** Queues an answer; {@code headers} are name, value pairs. */
    FixtureHttp reply(int status, String body, String... headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) h.computeIfAbsent(headers[i], k -> new ArrayList<>()).add(headers[i + 1]);
        answers.add(new Answer(status, body, HttpHeaders.of(h, (a, b) -> true)));
        return this;
    }

    /** Queues a transport-level failure, as the resilience layer raises it (timeout, switched-off capability). */
    FixtureHttp fail(ProviderException e) {
        answers.add(e);
        return this;
    }

    int pending() { return answers.size(); }

    Sent last() { return sent.get(sent.size() - 1); }

    @Override
    public synchronized CompletableFuture<HttpResponse<String>> sendAsync(ProviderName provider, String endpoint, HttpRequest request) {
        sent.add(new Sent(provider, endpoint, request, drain(request)));
        Object next = answers.poll();
        if (next == null) throw new AssertionError("unexpected request " + request.method() + " " + request.uri());
        if (next instanceof ProviderException e) return CompletableFuture.failedFuture(e);
        Answer a = (Answer) next;
        return CompletableFuture.completedFuture(new Response(a.status, a.body, a.headers, request));
    }

    private record Answer(int status, String body, HttpHeaders headers) {}

    private static String drain(HttpRequest request) {
        if (request.bodyPublisher().isEmpty()) return null;
        StringBuilder sb = new StringBuilder();
        request.bodyPublisher().get().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(ByteBuffer b) { sb.append(StandardCharsets.UTF_8.decode(b)); }
            @Override public void onError(Throwable t) { throw new AssertionError(t); }
            @Override public void onComplete() {}
        });
        return sb.toString();
    }

    private record Response(int statusCode, String body, HttpHeaders headers, HttpRequest request) implements HttpResponse<String> {
        @Override public Optional<HttpResponse<String>> previousResponse() { return Optional.empty(); }
        @Override public Optional<SSLSession> sslSession() { return Optional.empty(); }
        @Override public URI uri() { return request.uri(); }
        @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
    }
}
