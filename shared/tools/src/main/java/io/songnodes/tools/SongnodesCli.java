package io.songnodes.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the tools jar: {@code songnodes simulate} and {@code songnodes catalog}. */
@Command(name = "songnodes", mixinStandardHelpOptions = true, version = "songnodes-tools 0.1.0",
        description = "SongNodes command-line tools.",
        subcommands = {SimulateCommand.class, CatalogCommand.class, CommandLine.HelpCommand.class})
public final class SongnodesCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return new CommandLine(new SongnodesCli())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("error: " + ex.getMessage());
                    return 2;
                })
                .execute(args);
    }

    @Override
    public void run() { throw new CommandLine.ParameterException(spec.commandLine(), "missing command: simulate or catalog"); }
}
