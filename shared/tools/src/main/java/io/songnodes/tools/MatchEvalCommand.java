package io.songnodes.tools;

import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.eval.MatchEvaluation;
import io.songnodes.tools.eval.Variant;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code songnodes match-eval}: precision and recall of matching per way of writing names (see {@link MatchEvaluation}). */
@Command(name = "match-eval", mixinStandardHelpOptions = true,
        description = {"Rewrite 1001tracklists tracks in every variant class (case, joiners, featuring forms, diacritics, spacing,"
                + " one transposed, dropped or doubled letter in the artist or the title) and match them through the waterfall against"
                + " an in-process simulator serving the tracks plus their near-misses. Prints precision and recall per class and id column,"
                + " fallback searches per track, and the extra provider requests per track they cost (a class with fallbacks runs again"
                + " without them)."})
final class MatchEvalCommand implements Callable<Integer> {
    @Option(names = "--from-1001", paramLabel = "DIR", required = true, description = "Directory of 1001tracklists CSV exports (the ground truth).")
    Path from1001;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "14", description = "Seed of the variants and near-misses. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--redis-uri", paramLabel = "URI", defaultValue = "redis://localhost:6379",
            description = "Redis for the cache (keys under a private prefix, removed after). Default: ${DEFAULT-VALUE}.")
    String redisUri;

    @Option(names = "--fallback-searches", paramLabel = "N",
            description = "Fallback searches per track (scoring.fallback_searches; 0 measures the scorer alone). Default: the shipped config's (4).")
    Integer fallbackSearches;

    @Option(names = "--verbose", description = "Also list every wrong match and miss.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        MatchEvaluation eval = new MatchEvaluation(CatalogBuilder.from1001Dir(from1001), seed, redisUri,
                "songnodes-match-eval:" + ProcessHandle.current().pid() + ":").withFallbackSearches(fallbackSearches);
        out.println(MatchEvaluation.header());
        List<MatchEvaluation.ClassResult> results = eval.run(Arrays.asList(Variant.values()), out);
        if (verbose) results.forEach(r -> r.errors().forEach(e -> out.println("  " + e)));
        out.flush();
        return 0;
    }
}
