package io.songnodes.jobs.bronzetosilver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.json.Json;
import io.songnodes.testing.Ports;
import io.songnodes.testing.Await;
import io.songnodes.testing.FlinkTestCluster;
import io.songnodes.testing.TestRabbit;
import io.songnodes.tools.SongnodesCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code songnodes status} and {@code songnodes health} against the real streaming bronze-to-silver on a MiniCluster
 * (REST API on a random port, Prometheus reporter on a free port) and the real services: healthy while it runs,
 * warning then critical as the DLQ fills, critical when a budget is spent, critical when the job stops.
 */
class OpsCommandsITCase {
    private static final int METRICS_PORT = Ports.unused();

    @RegisterExtension
    static final MiniClusterExtension FLINK = FlinkTestCluster.extension(reporter(), 1);

    private static Configuration reporter() {
        Configuration c = new Configuration();
        c.setString("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        c.setString("metrics.reporter.prom.port", String.valueOf(METRICS_PORT));
        return c;
    }

    /** The CLI's result. */
    private record Run(int exit, String out) {
        String line(String check) {
            return out.lines().filter(l -> l.substring(Math.min(9, l.length())).startsWith(check)).findFirst().orElse("(no line for " + check + ")");
        }
    }

    private static Run cli(Pipeline p, String flinkUrl, String... args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        a.addAll(List.of("--flink-url", flinkUrl, "--jdbc-url", p.db.jdbcUrl(), "--redis-uri", p.redis.uri(),
                "--redis-prefix", p.redis.prefix(), "--bronze-queue", p.bronzeQueue, "--dlq", p.dlq,
                "--reenrich-queue", p.bronzeQueue, "--parking-queue", p.dlq,
                "--metrics-url", "http://localhost:" + METRICS_PORT + "/metrics"));
        StringWriter out = new StringWriter();
        var cl = SongnodesCli.commandLine(Map.of("SONGNODES_AMQP_URI", TestRabbit.uri()));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int code = cl.execute(a.toArray(String[]::new));
        return new Run(code, out.toString());
    }

    private static JsonNode readJson(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void healthFollowsTheJobTheDlqAndTheBudgetsAndStatusShowsThem(@InjectClusterClient ClusterClient<?> client) throws Exception {
        String rest = client.getWebInterfaceURL();
        try (Pipeline p = new Pipeline(sim -> sim.enforceLimits(false))) {
            Run before = cli(p, rest, "health");
            System.out.println("health before the job:\n" + before.out());
            assertThat(before.exit()).isEqualTo(2);
            assertThat(before.line("bronze-to-silver")).startsWith("CRITICAL");

            JobClient job = p.startStreaming();
            try {
                Run[] last = new Run[1];
                Await.until("health exit 0 with the job running and checkpointing", Duration.ofSeconds(90), () -> {
                    last[0] = cli(p, rest, "health");
                    return last[0].exit() == 0 && last[0].line("checkpoint age").contains("last completed")
                            && !last[0].line("circuit breakers").contains("no running job");
                });
                Run healthy = last[0];
                System.out.println("health with the job running:\n" + healthy.out());
                assertThat(healthy.line("bronze-to-silver")).startsWith("OK").contains("RUNNING");
                assertThat(healthy.line("checkpoint age")).startsWith("OK").contains("last completed");
                assertThat(healthy.line("circuit breakers")).startsWith("OK");

                // records flow: the providers' calls, cache and lag reach the status view
                List<String> lines = new ArrayList<>();
                io.songnodes.testing.TracklistFixtures.load1001(io.songnodes.testing.TracklistFixtures.files1001().get(0))
                        .stream().limit(15).forEach(r -> lines.add(Json.write(r.bronze())));
                for (int i = 0; i < lines.size(); i++) p.rabbit.publish(p.bronzeQueue, lines.get(i), "ops-" + i);
                Await.until("the records in silver", Duration.ofSeconds(90),
                        () -> p.db.queryLong("SELECT count(*) FROM silver.bronze_links") == lines.size());
                Await.until("the provider calls in the jobs' metrics", Duration.ofSeconds(30), () -> {
                    JsonNode s = readJson(cli(p, rest, "status", "--json").out());
                    for (JsonNode pr : s.path("providers")) if (pr.path("calls").asLong() > 0 && !pr.path("cache_hit_ratio").isNull()) return true;
                    return false;
                });

                Run status = cli(p, rest, "status", "--once");
                System.out.println("status --once:\n" + status.out());
                assertThat(status.exit()).isZero();
                assertThat(status.out()).contains("bronze-to-silver-itcase").contains("RUNNING").contains(p.dlq).contains("musicbrainz");
                JsonNode json = Json.MAPPER.readTree(cli(p, rest, "status", "--json").out());
                assertThat(json.path("jobs").get(0).path("state").asText()).isEqualTo("RUNNING");
                assertThat(json.path("jobs").get(0).path("last_checkpoint_age_ms").asLong()).isLessThan(60_000);
                assertThat(json.path("queues")).anySatisfy(q -> {
                    assertThat(q.path("role").asText()).isEqualTo("dlq");
                    assertThat(q.path("messages").asLong()).isZero();
                });
                assertThat(json.path("providers")).anySatisfy(pr -> assertThat(pr.path("breaker_state").asInt(-1)).isZero());
                assertThat(json.path("services").path("metrics").path("up").asBoolean()).isTrue();
                assertThat(json.path("providers")).anySatisfy(pr -> assertThat(pr.path("calls").asLong()).isPositive());
                assertThat(json.path("lag").path("newest_silver_age_s").isNumber()).isTrue();

                // fill the DLQ: warning at 3, critical at 5 (thresholds from the command line)
                for (int i = 0; i < 3; i++) p.rabbit.publish(p.dlq, "{\"dead\":" + i + "}", "dead-" + i);
                Await.until("the DLQ depth reaches the management API", Duration.ofSeconds(30),
                        () -> cli(p, rest, "health", "--dlq-warn", "3", "--dlq-crit", "5").exit() == 1);
                Run warn = cli(p, rest, "health", "--dlq-warn", "3", "--dlq-crit", "5");
                assertThat(warn.line("dlq depth")).startsWith("WARNING");
                for (int i = 3; i < 5; i++) p.rabbit.publish(p.dlq, "{\"dead\":" + i + "}", "dead-" + i);
                Await.until("health critical with 5 dead letters", Duration.ofSeconds(30),
                        () -> cli(p, rest, "health", "--dlq-warn", "3", "--dlq-crit", "5").exit() == 2);
                Run crit = cli(p, rest, "health", "--dlq-warn", "3", "--dlq-crit", "5");
                System.out.println("health with the DLQ filled:\n" + crit.out());
                assertThat(crit.line("dlq depth")).startsWith("CRITICAL").contains("5 messages");

                // a spent budget (0.05 USD of 0.05 at 0.01 a call) is critical, 0.04 a warning
                Path budgets = Files.createTempFile("waterfall-budget-", ".yaml");
                Files.writeString(budgets, "fields:\n  release_date: { providers: [musicbrainz, spotify], min_confidence: 0.75 }\n"
                        + "providers:\n  musicbrainz:\n    cost_per_call_usd: 0.01\n    monthly_budget_usd: 0.05\n");
                String key = p.redis.prefix() + "budget:" + YearMonth.now(ZoneOffset.UTC) + ":musicbrainz";
                p.redis.jedis().set(key, "40000");
                Run budgetWarn = cli(p, rest, "health", "--dlq-warn", "100", "--waterfall-config", budgets.toString());
                assertThat(budgetWarn.exit()).isEqualTo(1);
                assertThat(budgetWarn.line("budgets")).startsWith("WARNING").contains("musicbrainz $0.04 of $0.05");
                p.redis.jedis().set(key, "50000");
                Run spent = cli(p, rest, "health", "--waterfall-config", budgets.toString());
                assertThat(spent.exit()).isEqualTo(2);
                assertThat(spent.line("budgets")).startsWith("CRITICAL").contains("exhausted");
                assertThat(cli(p, rest, "status", "--once", "--waterfall-config", budgets.toString()).out()).contains("$0.05 / $0.05 SPENT");
            } finally {
                job.cancel().get();
            }
            Await.until("health critical once the job is stopped", Duration.ofSeconds(60), () -> cli(p, rest, "health").exit() == 2);
            Run stopped = cli(p, rest, "health");
            System.out.println("health after the job stopped:\n" + stopped.out());
            assertThat(stopped.line("bronze-to-silver")).startsWith("CRITICAL").contains("CANCELED");
        }
    }
}
