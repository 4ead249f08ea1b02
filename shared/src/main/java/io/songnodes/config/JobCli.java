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

    /** The option names a usage text lists, one per line as {@code   --name ...}. */
    public static java.util.Set<String> listedOptions(String usage) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s+--([a-z][a-z0-9-]*)", java.util.regex.Pattern.MULTILINE).matcher(usage);
        while (m.find()) names.add(m.group(1));
        names.remove("help");
        return names;
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
            // a typo is reported as such, before any other option is judged
            java.util.Set<String> listed = listedOptions(usage);
            for (String given : options.given().keySet()) {
                if (!listed.contains(given)) throw new ConfigException("--" + given, "unknown option");
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
