package io.songnodes.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queues and exchanges private to one test: every name gets a random prefix, and close deletes them,
 * so state left on the shared broker by earlier runs can never reach a test.
 */
public final class TestRabbit implements AutoCloseable {
    public static final String HOST = System.getenv().getOrDefault("SONGNODES_TEST_AMQP_HOST", "localhost");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("SONGNODES_TEST_AMQP_PORT", "5672"));
    /** The broker's local-only guest account; RabbitMQ refuses it from other hosts. */
    public static final String USER = System.getenv().getOrDefault("SONGNODES_TEST_AMQP_USER", "guest");
    public static final String PASS = System.getenv().getOrDefault("SONGNODES_TEST_AMQP_PASSWORD", "guest");

    private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    private final Connection connection;
    private final Channel channel;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    public TestRabbit() {
        try {
            connection = factory().newConnection("songnodes-test");
            channel = connection.createChannel();
            channel.confirmSelect();
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ at " + HOST + ":" + PORT, e);
        }
    }

    public static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        f.setUsername(USER);
        f.setPassword(PASS);
        return f;
    }

    /** The AMQP URI of the test broker, for job options. */
    public static String uri() { return "amqp://" + USER + ":" + PASS + "@" + HOST + ":" + PORT + "/%2f"; }

    /** Declares a durable queue named {@code prefix + base} and returns its full name. */
    public String queue(String base) {
        String name = prefix + base;
        try {
            channel.queueDeclare(name, true, false, false, Map.of());
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
        queues.add(name);
        return name;
    }

    /** Declares a durable fanout exchange named {@code prefix + base} and returns its full name. */
    public String exchange(String base) {
        String name = prefix + base;
        try {
            channel.exchangeDeclare(name, "fanout", true);
        } catch (Exception e) {
            throw new IllegalStateException(name, e);
        }
        exchanges.add(name);
        return name;
    }

    /** Names declared elsewhere (by a job) that this test must also remove. */
    public String adopt(String fullName) { queues.add(fullName); return fullName; }

    public String prefix() { return prefix; }

    public Channel channel() { return channel; }

    /** Publishes with a correlation id and waits for the broker's confirm. */
    public void publish(String queue, String body, String correlationId) {
        try {
            AMQP.BasicProperties p = new AMQP.BasicProperties.Builder().correlationId(correlationId).deliveryMode(2)
                    .timestamp(new java.util.Date()).contentType("application/json").build();
            channel.basicPublish("", queue, p, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
        } catch (Exception e) {
            throw new IllegalStateException(queue, e);
        }
    }

    public long depth(String queue) {
        try {
            return channel.messageCount(queue);
        } catch (Exception e) {
            throw new IllegalStateException(queue, e);
        }
    }

    /** Takes every message now in {@code queue} (acked), in order. */
    public List<GetResponse> drain(String queue) {
        List<GetResponse> out = new ArrayList<>();
        try {
            GetResponse r;
            while ((r = channel.basicGet(queue, true)) != null) out.add(r);
        } catch (Exception e) {
            throw new IllegalStateException(queue, e);
        }
        return out;
    }

    public static String body(GetResponse r) { return new String(r.getBody(), StandardCharsets.UTF_8); }

    /** The management API (a fault is injected there, never by stopping the shared broker). */
    public static final String API = System.getenv().getOrDefault("SONGNODES_TEST_AMQP_API", "http://" + HOST + ":15672/api");
    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** Names (as the broker lists them) of open connections whose client-provided name contains {@code part}. */
    public static List<String> connections(String part) {
        try {
            java.net.http.HttpResponse<String> r = HTTP.send(api("connections?columns=name,client_properties.connection_name").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            List<String> out = new ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode c : io.songnodes.json.Json.MAPPER.readTree(r.body())) {
                String given = c.path("client_properties").path("connection_name").asText("");
                if (given.contains(part)) out.add(c.path("name").asText());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ management API at " + API, e);
        }
    }

    /** Ready plus unacknowledged messages of {@code queue}, from the management API (its statistics lag a few seconds). */
    public static long messages(String queue) {
        try {
            java.net.http.HttpResponse<String> r = HTTP.send(api("queues/%2f/" + java.net.URLEncoder.encode(queue, StandardCharsets.UTF_8)
                    + "?columns=messages").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return io.songnodes.json.Json.MAPPER.readTree(r.body()).path("messages").asLong(-1);
        } catch (Exception e) {
            throw new IllegalStateException("RabbitMQ management API at " + API, e);
        }
    }

    /**
     * Force-closes every connection whose client-provided name contains {@code part}; returns how many. The broker lists
     * a new connection only after its next statistics round (up to 5 s), so this waits up to 15 s for one to appear.
     */
    public static int closeConnections(String part) {
        List<String> names = connections(part);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (names.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(200).toNanos());
            names = connections(part);
        }
        for (String n : names) {
            try {
                HTTP.send(api("connections/" + java.net.URLEncoder.encode(n, StandardCharsets.UTF_8).replace("+", "%20")).DELETE()
                        .header("X-Reason", "test fault").build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException("closing connection " + n, e);
            }
        }
        return names.size();
    }

    private static java.net.http.HttpRequest.Builder api(String path) {
        String auth = java.util.Base64.getEncoder().encodeToString((USER + ":" + PASS).getBytes(StandardCharsets.UTF_8));
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(API + "/" + path)).header("Authorization", "Basic " + auth);
    }

    @Override public void close() {
        try {
            for (String q : queues) channel.queueDelete(q);
            for (String x : exchanges) channel.exchangeDelete(x);
            connection.close();
        } catch (Exception e) {
            throw new IllegalStateException("cleanup of " + prefix + "*", e);
        }
    }
}
