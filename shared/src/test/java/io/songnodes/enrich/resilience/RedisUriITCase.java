package io.songnodes.enrich.resilience;

import io.songnodes.testing.Ports;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.enrich.runtime.RuntimeSettings;
import io.songnodes.testing.Await;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The whole Redis URI is honoured (password, database number), against a private password-protected redis-server
 * started on a free port for this test: the shared server is never touched.
 */
class RedisUriITCase {
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static Process server;
    private static int port;
    private static Path dir;

    @BeforeAll
    static void startPrivateServer() throws Exception {
        port = Ports.unused();
        dir = Files.createTempDirectory("redis-uri-test");
        server = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1", "--requirepass", PASSWORD,
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Await.until("the private redis-server to accept connections", Duration.ofSeconds(20), () -> {
            try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().password(PASSWORD).build())) {
                return "PONG".equals(j.ping());
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopPrivateServer() throws IOException {
        if (server != null) server.destroy();
    }

    @Test
    void passwordAndDatabaseFromTheUriAreUsed() throws Exception {
        URI uri = URI.create("redis://:" + PASSWORD + "@127.0.0.1:" + port + "/3");
        try (RedisGuard g = RedisGuard.connect(uri, "t:", Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            g.call(r -> r.set(g.key("k"), "v"));
            assertThat(g.<String>call(r -> r.get(g.key("k")))).isEqualTo("v");
        }
        try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder().password(PASSWORD).database(3).build())) {
            assertThat(j.get("t:k")).as("written to database 3").isEqualTo("v");
            j.select(0);
            assertThat(j.get("t:k")).as("not to database 0").isNull();
        }
    }

    @Test
    void aWrongPasswordIsRefusedNotIgnored() {
        URI uri = URI.create("redis://:wrong@127.0.0.1:" + port + "/0");
        try (RedisGuard g = RedisGuard.connect(uri, "t:", Duration.ofSeconds(1), Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> g.call(r -> r.get(g.key("k")))).isInstanceOf(RedisUnavailableException.class);
        }
    }

    @Test
    void settingsRefuseOtherSchemesAndNeverPrintThePassword() {
        RuntimeSettings s = new RuntimeSettings("rediss://app:" + PASSWORD + "@cache:6380/2", "p:", null, RuntimeSettings.DEFAULT_CONTACT);
        assertThat(s.toString()).doesNotContain(PASSWORD).contains("app:***@cache:6380/2");
        assertThat(s.redis().getScheme()).isEqualTo("rediss");
        assertThatThrownBy(() -> new RuntimeSettings("http://cache:6379", "p:", null, RuntimeSettings.DEFAULT_CONTACT))
                .hasMessageStartingWith("--redis-uri");
    }
}
