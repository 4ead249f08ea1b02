package io.songnodes.tools;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the tools jar: {@code songnodes simulate}, {@code enrich}, {@code catalog}, {@code status}, {@code health} and {@code match-eval}. */
@Command(name = "songnodes", mixinStandardHelpOptions = true, version = "songnodes-tools 0.1.0",
        description = "SongNodes command-line tools.",
        subcommands = {SimulateCommand.class, EnrichCommand.class, CatalogCommand.class, StatusCommand.class, HealthCommand.class,
                MatchEvalCommand.class,
                CommandLine.HelpCommand.class})
public final class SongnodesCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine(System.getenv()).execute(args);
    }

    /** Runs the CLI with {@code env} standing in for the process environment (credentials, defaults). */
    public static int run(Map<String, String> env, String... args) {
        return commandLine(env).execute(args);
    }

    /** The configured command line; {@code env} is what {@code enrich} reads credentials and defaults from. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            @SuppressWarnings("unchecked")
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == EnrichCommand.class) return (K) new EnrichCommand(env);
                if (cls == StatusCommand.class) return (K) new StatusCommand(env);
                if (cls == HealthCommand.class) return (K) new HealthCommand(env);
                return defaults.create(cls);
            }
        };
        return new CommandLine(new SongnodesCli(), factory)
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("error: " + ex.getMessage());
                    return 2;
                });
    }

    @Override
    public void run() { throw new CommandLine.ParameterException(spec.commandLine(), "missing command: simulate, enrich, catalog, status or health"); }
}
