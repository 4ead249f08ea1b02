package io.songnodes.config;

import java.io.PrintStream;

/**
 * The start of every job's {@code main}: {@code --help} prints the job's options and exits 0; a bad option
 * prints one line naming it (no stack trace) and exits 2, whether run locally or through {@code flink run}.
 */
public final class JobCli {
    /** Parses the job's options from {@link Options}; throws {@link IllegalArgumentException} naming a bad one. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(Options options);
    }

    /** Asks the caller to end the process with this code; {@link #parseOrExit} does. */
    public static final class Exit extends RuntimeException {
        private final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }

        public int code() { return code; }
    }

    private JobCli() {}

    public static <T> T parseOrExit(String job, String usage, String[] args, Parser<T> parser) {
        try {
            return parse(job, usage, args, parser, System.out, System.err);
        } catch (Exit e) {
            System.out.flush();
            System.err.flush();
            System.exit(e.code());
            throw e;
        }
    }

    /** As {@link #parseOrExit}, printing to the given streams and throwing {@link Exit} instead of exiting. */
    public static <T> T parse(String job, String usage, String[] args, Parser<T> parser, PrintStream out, PrintStream err) {
        try {
            Options options = Options.parse(args);
            if (options.helpRequested()) {
                out.println("usage: " + job + " [options]");
                out.print(usage.endsWith("\n") ? usage : usage + "\n");
                throw new Exit(0);
            }
            T parsed = parser.parse(options);
            options.rejectUnknown();
            return parsed;
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage()).replace('\n', ' ').replaceAll(" {2,}", " ");
            err.println(job + ": " + message + " (see --help)");
            throw new Exit(2);
        }
    }
}
