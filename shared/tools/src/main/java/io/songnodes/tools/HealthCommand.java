package io.songnodes.tools;

import io.songnodes.config.Durations;
import io.songnodes.tools.ops.HealthCheck;
import io.songnodes.tools.ops.OpsProbe;
import io.songnodes.tools.ops.OpsSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code songnodes health}: one line per check, exit 0 healthy, 1 warning, 2 critical, 3 unknown (a container healthcheck). */
@Command(name = "health", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks PostgreSQL, RabbitMQ and Redis, that the streaming job is RUNNING, its last checkpoint's age, the DLQ depth,",
                "open circuit breakers and the providers' monthly budgets. One line per check;",
                "exit 0 healthy, 1 warning, 2 critical, 3 unknown."})
public final class HealthCommand implements Callable<Integer> {
    @Mixin OpsSettings ops = new OpsSettings();

    @Option(names = "--checkpoint-warn", paramLabel = "DURATION", defaultValue = "5m", description = "Default: ${DEFAULT-VALUE}.") String checkpointWarn;
    @Option(names = "--checkpoint-crit", paramLabel = "DURATION", defaultValue = "15m", description = "Default: ${DEFAULT-VALUE}.") String checkpointCrit;
    @Option(names = "--dlq-warn", paramLabel = "N", defaultValue = "100", description = "DLQ depth for a warning. Default: ${DEFAULT-VALUE}.") long dlqWarn;
    @Option(names = "--dlq-crit", paramLabel = "N", defaultValue = "500", description = "DLQ depth for critical. Default: ${DEFAULT-VALUE}.") long dlqCrit;
    @Option(names = "--budget-warn", paramLabel = "RATIO", defaultValue = "0.8", description = "Share of a monthly budget for a warning. Default: ${DEFAULT-VALUE}.") double budgetWarn;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    public HealthCommand(Map<String, String> env) { this.env = env; }

    HealthCheck.Thresholds thresholds() {
        CommandLine cl = spec.commandLine();
        HealthCheck.Thresholds t;
        try {
            t = new HealthCheck.Thresholds(Durations.parse(checkpointWarn), Durations.parse(checkpointCrit), dlqWarn, dlqCrit, budgetWarn);
        } catch (RuntimeException e) {
            throw new CommandLine.ParameterException(cl, "--checkpoint-warn/--checkpoint-crit: " + e.getMessage());
        }
        if (t.checkpointCrit().compareTo(t.checkpointWarn()) < 0) throw new CommandLine.ParameterException(cl, "--checkpoint-crit must be >= --checkpoint-warn");
        if (dlqWarn < 0 || dlqCrit < dlqWarn) throw new CommandLine.ParameterException(cl, "--dlq-crit must be >= --dlq-warn >= 0");
        if (!(budgetWarn > 0 && budgetWarn <= 1)) throw new CommandLine.ParameterException(cl, "--budget-warn must be in (0, 1], was " + budgetWarn);
        return t;
    }

    @Override
    public Integer call() {
        HealthCheck.Thresholds t = thresholds();
        PrintWriter out = spec.commandLine().getOut();
        List<HealthCheck.Check> checks;
        try (OpsProbe probe = new OpsProbe(ops, env, Clock.systemUTC())) {
            checks = HealthCheck.evaluate(probe.snapshot(), ops.job(), t);
        } catch (RuntimeException e) {
            out.println("UNKNOWN  health                 could not run the checks: " + e.getMessage());
            out.flush();
            return HealthCheck.Level.UNKNOWN.exitCode;
        }
        checks.forEach(out::println);
        HealthCheck.Level overall = HealthCheck.overall(checks);
        out.println("overall: " + overall + " (exit " + overall.exitCode + ")");
        out.flush();
        return overall.exitCode;
    }
}
