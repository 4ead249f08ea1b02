package io.songnodes.jobs.dlqreplay;

import io.songnodes.testing.TestRabbit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Submits the shaded job jar through Flink's own CLI ({@code flink run}, i.e. CliFrontend) against a seeded TestRabbit
 * DLQ, first as a dry run, then for real, and prints the queue depths. Run by jobs/dlq-replay/flink-run-smoke.sh.
 * Args: flink classpath file, job jar, FLINK_CONF_DIR (remote: its config.yaml names rest.address and rest.port),
 * target (local or remote), then any extra job options (e.g. --rate 20).
 */
public final class FlinkRunSmoke {
    public static void main(String[] args) throws Exception {
        String cp = Files.readString(Path.of(args[0])).trim();
        String jar = args[1];
        String confDir = args[2];
        String target = args[3];
        try (TestRabbit rabbit = new TestRabbit()) {
            DlqFixture f = new DlqFixture(rabbit);
            f.seed(300);
            for (boolean dry : new boolean[] {true, false}) {
                List<String> cmd = new ArrayList<>(List.of("java", "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                        "-Dlog4j.configurationFile=" + confDir + "/log4j-cli.properties", "-cp", cp, "org.apache.flink.client.cli.CliFrontend", "run", "-t", target));
                cmd.addAll(List.of(jar, "--dlq", f.dlq, "--parking", f.parking, "--allow-queue", f.bronze, "--error-type", "provider_transient", "--metrics-linger", "0s"));
                cmd.addAll(List.of(args).subList(4, args.length));
                if (dry) cmd.add("--dry-run");
                ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
                pb.environment().put("FLINK_CONF_DIR", confDir);
                // the broker URI reaches the job through the environment, as in production
                pb.environment().put("SONGNODES_AMQP_URI", "amqp://" + TestRabbit.USER + "@" + TestRabbit.HOST + ":" + TestRabbit.PORT + "/%2f");
                pb.environment().put("SONGNODES_AMQP_PASSWORD", TestRabbit.PASS);
                System.out.println("$ flink run -t " + target + " dlq-replay.jar" + (dry ? " --dry-run" : "") + " --error-type provider_transient ...");
                int rc = pb.start().waitFor();
                System.out.printf("exit %d; depths: dlq=%d original=%d parking=%d%n", rc, rabbit.depth(f.dlq), rabbit.depth(f.bronze), rabbit.depth(f.parking));
            }
        }
    }
}
