package io.songnodes.tools;

import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.Validation;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.runtime.EnrichmentRuntime;
import io.songnodes.enrich.runtime.RuntimeSettings;
import io.songnodes.enrich.waterfall.EnrichmentResult;
import io.songnodes.enrich.waterfall.Explanation;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.tools.enrich.BatchEnricher;
import io.songnodes.tools.enrich.EnrichStats;
import io.songnodes.tools.enrich.RateScale;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code songnodes enrich}: the waterfall outside Flink, for one track (explained) or a bronze JSONL file
 * (to silver JSONL). It uses the same assembly as the jobs ({@link EnrichmentRuntime}), so it shares their
 * global rate limits and cache through Redis when given the same prefix.
 */
@Command(name = "enrich", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the enrichment waterfall outside Flink: one track (--artist, --title) or a bronze JSONL file (--input, --output).",
                "Credentials come from the environment: SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET, DISCOGS_TOKEN, LASTFM_API_KEY, BEATPORT_TOKEN"
                        + " (MusicBrainz and Deezer need none); a provider without them is switched off."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every input line enriched", "1:some input lines were invalid or failed (reported on stderr)", "2:bad options or config"})
public final class EnrichCommand implements Callable<Integer> {
    static final String DEFAULT_REDIS_URI = "redis://localhost:6379";
    static final String DEFAULT_REDIS_PREFIX = "songnodes:";

    @Option(names = "--artist", paramLabel = "A", description = "Artist of the one track to enrich (with --title).")
    String artist;

    @Option(names = "--title", paramLabel = "T", description = "Title of the one track to enrich (with --artist).")
    String title;

    @Option(names = "--json", description = "With --artist/--title: also print the silver record as JSON.")
    boolean json;

    @Option(names = "--input", paramLabel = "FILE", description = "Bronze JSONL to enrich ('-': standard input).")
    String input;

    @Option(names = "--output", paramLabel = "FILE", description = "Silver JSONL to write, one record per valid input line ('-': standard output).")
    String output;

    @Option(names = "--waterfall-config", paramLabel = "FILE", description = "Waterfall YAML (docs/contracts.md §5). Default: the one shipped in the jar.")
    Path waterfallConfig;

    @Option(names = "--providers-url", paramLabel = "URL",
            description = "Serve all six providers from this base URL (the simulator: http://localhost:8089). Default: env SONGNODES_PROVIDERS_URL, else the base URLs of the waterfall config.")
    String providersUrl;

    @Option(names = "--redis-uri", paramLabel = "URI", description = "Redis for the cache and the global limits. Default: env SONGNODES_REDIS_URI, else " + DEFAULT_REDIS_URI + ".")
    String redisUri;

    @Option(names = "--redis-prefix", paramLabel = "PREFIX", defaultValue = DEFAULT_REDIS_PREFIX,
            description = "Redis key prefix; the jobs' prefix (default ${DEFAULT-VALUE}) makes this run share their quotas and cache.")
    String redisPrefix;

    @Option(names = "--contact", paramLabel = "URL_OR_EMAIL", description = "Contact in the User-Agent (MusicBrainz, Discogs). Default: env SONGNODES_CONTACT, else the project URL.")
    String contact;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "4", description = "Tracks enriched at once with --input. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--limit-scale", paramLabel = "X", defaultValue = "1",
            description = "Only against a simulator started with the same --limit-scale: every provider window is X times shorter.")
    double limitScale;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;

    /** Reads credentials and defaults from the process environment. */
    public EnrichCommand() { this(System.getenv()); }

    /** Reads credentials and defaults from {@code env} (tests pass their own). */
    public EnrichCommand(Map<String, String> env) { this.env = Map.copyOf(env); }

    @Override
    public Integer call() throws IOException, InterruptedException {
        boolean one = artist != null || title != null;
        boolean many = input != null || output != null;
        if (one == many) throw usage("give either --artist and --title (one track) or --input and --output (a bronze JSONL file)");
        if (one && (artist == null || title == null)) throw usage("--artist and --title go together");
        if (many && (input == null || output == null)) throw usage("--input and --output go together");
        if (many && !"-".equals(input) && !Files.isReadable(Path.of(input))) throw usage("--input: cannot read " + input);
        WaterfallConfig config = RateScale.apply(waterfallConfig == null ? WaterfallConfig.defaults() : WaterfallConfig.load(waterfallConfig), limitScale);
        RuntimeSettings settings = new RuntimeSettings(
                firstOf(redisUri, env.get("SONGNODES_REDIS_URI"), DEFAULT_REDIS_URI), redisPrefix,
                firstOf(providersUrl, env.get("SONGNODES_PROVIDERS_URL"), null),
                firstOf(contact, env.get("SONGNODES_CONTACT"), RuntimeSettings.DEFAULT_CONTACT));
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EnrichStats stats = new EnrichStats();
        long start = System.nanoTime();
        try (EnrichmentRuntime runtime = EnrichmentRuntime.start(config, settings, env, stats)) {
            runtime.disabled().forEach((p, why) -> err.println("provider " + p.id() + " off: " + why));
            err.flush();
            if (one) return enrichOne(runtime, out, stats, start);
            return enrichMany(runtime, "-".equals(output) ? err : out, err, stats, start);
        }
    }

    private int enrichOne(EnrichmentRuntime runtime, PrintWriter out, EnrichStats stats, long start) {
        BronzeRecord r = new BronzeRecord("cli", "cli:enrich", null, artist, title, null, null, Instant.now(), "songnodes-tools");
        Validation v = BronzeValidator.validate(Json.write(r));
        if (!v.isValid()) throw usage("not a valid track: " + v.reason());
        EnrichmentResult result = runtime.enrich(v.message(), Clock.systemUTC());
        out.print(Explanation.render(result));
        if (json) out.println(Json.write(result.silver()));
        out.print(summary(stats, start, null, runtime.config()));
        out.flush();
        return 0;
    }

    private int enrichMany(EnrichmentRuntime runtime, PrintWriter report, PrintWriter err, EnrichStats stats, long start)
            throws IOException, InterruptedException {
        BatchEnricher.Counts counts;
        try (BufferedReader in = "-".equals(input) ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
             Writer w = "-".equals(output) ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
            counts = new BatchEnricher(m -> runtime.enrich(m, Clock.systemUTC()), threads).run(in, w, err);
        }
        report.print(summary(stats, start, counts, runtime.config()));
        report.flush();
        return counts.invalid() + counts.failed() == 0 ? 0 : 1;
    }

    private String summary(EnrichStats stats, long start, BatchEnricher.Counts counts, WaterfallConfig config) {
        StringBuilder sb = new StringBuilder("summary:\n");
        if (counts != null) {
            sb.append(String.format(Locale.ROOT, "  lines %d, silver records written %d, invalid %d, failed %d%n",
                    counts.lines(), counts.written(), counts.invalid(), counts.failed()));
        }
        sb.append(String.format(Locale.ROOT, "  tracks by status %s in %.1f s%n", stats.statuses(), (System.nanoTime() - start) / 1e9));
        sb.append(String.format(Locale.ROOT, "  provider calls %d, cache hits %d, cache bypassed (Redis down) %d, skipped for the monthly budget %d%n",
                stats.totalCalls(), stats.totalCacheHits(), stats.totalCacheBypassed(), stats.totalBudgetSkips()));
        long tracks = stats.tracks();
        sb.append(String.format(Locale.ROOT, "  fallback searches %d, %.2f per track (no search had found a confident match; each is one lookup,"
                + " a Spotify one with hits also asks audio-features)%s%n", stats.fallbackSearches(), tracks == 0 ? 0.0 : stats.fallbackSearches() / (double) tracks,
                stats.fallbacksByKind().isEmpty() ? "" : ": " + stats.fallbacksByKind().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))));
        sb.append(stats.renderProviders());
        Map<ProviderName, io.songnodes.enrich.config.Rate> quotas = new java.util.EnumMap<>(ProviderName.class);
        config.providers().forEach((p, c) -> quotas.put(p, c.rate()));
        // the ceiling at the configured limits: a run at --limit-scale X had X times the quota
        String scale = limitScale == 1 ? "" : String.format(Locale.ROOT, "; this run had %s times the quotas", fmt(limitScale));
        stats.quotaCeiling(quotas).ifPresentOrElse(
                c -> sb.append(String.format(Locale.ROOT, "  quota ceiling %.0f tracks/hour at the configured limits, set by %s (%d per %s at %.2f calls/track%s)%n",
                        c.getValue() / limitScale, c.getKey().id(), quotas.get(c.getKey()).permits(),
                        io.songnodes.config.Durations.format(quotas.get(c.getKey()).period().multipliedBy(Math.round(limitScale))),
                        stats.callsPerTrack(c.getKey()), scale)),
                () -> sb.append("  quota ceiling: no provider calls, no limit\n"));
        return sb.toString();
    }

    private static String fmt(double d) { return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d); }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static String firstOf(String a, String b, String c) {
        if (a != null && !a.isBlank()) return a;
        if (b != null && !b.isBlank()) return b;
        return c;
    }
}
