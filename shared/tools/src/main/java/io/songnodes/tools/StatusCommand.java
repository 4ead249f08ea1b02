package io.songnodes.tools;

import io.songnodes.json.Json;
import io.songnodes.tools.ops.OpsProbe;
import io.songnodes.tools.ops.OpsSettings;
import io.songnodes.tools.ops.OpsSnapshot;
import io.songnodes.tools.ops.StatusView;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code songnodes status}: a live terminal view of jobs, queues, providers and lag, or one snapshot ({@code --once}, {@code --json}). */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Live view of the pipeline: Flink jobs (state, uptime, last checkpoint), queues (depth, in/out rates),",
                "providers (breaker, quota used, cache hit ratio, error rate, month's spend vs budget) and medallion lag.",
                "Refreshes every --interval until Ctrl-C; --once prints one snapshot, --json prints it as JSON."})
public final class StatusCommand implements Callable<Integer> {
    private static final String CLEAR = "\033[H\033[2J";

    @Mixin OpsSettings ops = new OpsSettings();

    @Option(names = "--once", description = "Print one snapshot and exit.") boolean once;

    @Option(names = "--json", description = "Print one snapshot as JSON and exit (for scripts).") boolean json;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "3", description = "Refresh interval. Default: ${DEFAULT-VALUE}.")
    int interval;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    public StatusCommand(Map<String, String> env) { this.env = env; }

    @Override
    public Integer call() throws Exception {
        if (interval < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be >= 1 second, was " + interval);
        PrintWriter out = spec.commandLine().getOut();
        try (OpsProbe probe = new OpsProbe(ops, env, Clock.systemUTC())) {
            if (once || json) {
                OpsSnapshot s = probe.snapshot();
                out.print(json ? Json.write(s) + "\n" : StatusView.render(s));
                out.flush();
                return 0;
            }
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            timer.scheduleWithFixedDelay(() -> {
                try {
                    String view = StatusView.render(probe.snapshot());
                    out.print(CLEAR + view + "\n(refreshing every " + interval + " s; Ctrl-C to quit)\n");
                } catch (RuntimeException e) {
                    out.println("status failed: " + e);
                }
                out.flush();
            }, 0, Duration.ofSeconds(interval).toMillis(), TimeUnit.MILLISECONDS);
            stopped.await();
            timer.shutdownNow();
            return 0;
        }
    }
}
