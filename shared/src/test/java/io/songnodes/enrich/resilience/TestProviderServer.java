package io.songnodes.enrich.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A real local HTTP server standing in for a provider until the simulator lands; replies are set per test. */
public final class TestProviderServer implements AutoCloseable {
    /** One canned reply. */
    public record Reply(int status, String body, Map<String, String> headers) {
        public static Reply ok(String body) { return new Reply(200, body, Map.of()); }
        public static Reply status(int status) { return new Reply(status, "{}", Map.of()); }
    }

    /** Decides the reply to a request; may block (to hold a request in flight). */
    @FunctionalInterface
    public interface Responder {
        Reply reply(HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    private final AtomicReference<Responder> responder = new AtomicReference<>(e -> Reply.ok("[]"));
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    public TestProviderServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public void respond(Responder r) { responder.set(r); }

    public URI uri(String pathAndQuery) { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery); }

    public int requests() { return total.get(); }

    public int requests(String path) { return hits.getOrDefault(path, new AtomicInteger()).get(); }

    private void handle(HttpExchange exchange) throws IOException {
        total.incrementAndGet();
        hits.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
        Reply reply;
        try {
            reply = responder.get().reply(exchange);
        } catch (Exception e) {
            reply = new Reply(500, "{\"error\":\"" + e + "\"}", Map.of());
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        try {
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection
        }
    }

    @Override public void close() { server.stop(0); }
}
