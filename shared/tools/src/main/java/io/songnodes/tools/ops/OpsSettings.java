package io.songnodes.tools.ops;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where {@code status} and {@code health} look; defaults come from the environment the launcher sets, then localhost. */
public final class OpsSettings {
    @Option(names = "--flink-url", paramLabel = "URL", description = "Flink REST API. Default: env SONGNODES_FLINK_URL, else http://localhost:8081.")
    String flinkUrl;

    @Option(names = "--rabbitmq-api", paramLabel = "URL",
            description = "RabbitMQ management API; with the account of SONGNODES_AMQP_URI (password there or in SONGNODES_AMQP_PASSWORD). Default: env SONGNODES_RABBITMQ_API, else http://localhost:15672.")
    String rabbitApi;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "PostgreSQL. Default: env SONGNODES_JDBC_URL.")
    String jdbcUrl;

    @Option(names = "--redis-uri", paramLabel = "URI", description = "Redis (budgets). Default: env SONGNODES_REDIS_URI, else redis://localhost:6379.")
    String redisUri;

    @Option(names = "--redis-prefix", paramLabel = "PREFIX", defaultValue = "songnodes:", description = "Key prefix the jobs use. Default: ${DEFAULT-VALUE}.")
    String redisPrefix;

    @Option(names = "--waterfall-config", paramLabel = "FILE", description = "Waterfall YAML holding the budgets. Default: the shipped one.")
    Path waterfallConfig;

    @Option(names = "--metrics-url", paramLabel = "URL", split = ",",
            description = "The jobs' Prometheus endpoints (breakers, limiter, cache, errors, lag). Default: http://localhost:9249/metrics to :9260; 'none' to skip.")
    List<String> metricsUrls;

    @Option(names = "--job", paramLabel = "NAME", defaultValue = "bronze-to-silver",
            description = "Name prefix of the streaming job health requires RUNNING (batch runs excluded). Default: ${DEFAULT-VALUE}.")
    String job;

    @Option(names = "--bronze-queue", defaultValue = "songnodes.bronze.tracks", paramLabel = "Q") String bronzeQueue;
    @Option(names = "--reenrich-queue", defaultValue = "songnodes.reenrich", paramLabel = "Q") String reenrichQueue;
    @Option(names = "--dlq", defaultValue = "songnodes.dlq", paramLabel = "Q") String dlq;
    @Option(names = "--parking-queue", defaultValue = "songnodes.dlq.parking", paramLabel = "Q") String parkingQueue;

    /** The streaming job's name prefix. */
    public String job() { return job; }

    URI flink(Map<String, String> env) { return URI.create(or(flinkUrl, env.get("SONGNODES_FLINK_URL"), "http://localhost:8081")); }

    URI rabbit(Map<String, String> env) { return URI.create(or(rabbitApi, env.get("SONGNODES_RABBITMQ_API"), "http://localhost:15672")); }

    String jdbc(Map<String, String> env) { return or(jdbcUrl, env.get("SONGNODES_JDBC_URL"), "jdbc:postgresql://localhost:5432/songnodes?user=postgres"); }

    String redis(Map<String, String> env) { return or(redisUri, env.get("SONGNODES_REDIS_URI"), "redis://localhost:6379"); }

    List<URI> metrics() {
        List<URI> out = new ArrayList<>();
        if (metricsUrls == null) {
            for (int port = 9249; port <= 9260; port++) out.add(URI.create("http://localhost:" + port + "/metrics"));
        } else {
            for (String u : metricsUrls) if (!u.isBlank() && !u.equals("none")) out.add(URI.create(u.trim()));
        }
        return out;
    }

    private static String or(String a, String b, String c) { return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : c; }
}
