package io.songnodes.tools.enrich;

import io.songnodes.tools.SongnodesCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the {@code songnodes} command line in-process with a given environment and captures its output. */
record CliRun(int exitCode, String out, String err) {
    /** Stand-in credentials: the simulator checks that they are sent, not what they are. */
    static final Map<String, String> SIMULATOR_CREDENTIALS = Map.of(
            "SPOTIFY_CLIENT_ID", "sim-client", "SPOTIFY_CLIENT_SECRET", "sim-secret", "DISCOGS_TOKEN", "sim-discogs",
            "LASTFM_API_KEY", "sim-lastfm", "BEATPORT_TOKEN", "sim-beatport");

    static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = SongnodesCli.commandLine(env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
