package io.songnodes.tools;

import io.songnodes.enrich.ProviderName;
import io.songnodes.tools.sim.FaultSpec;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimulatorConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code songnodes simulate}: runs the six-provider simulator until interrupted. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Serve Spotify, MusicBrainz, Discogs, Last.fm, Deezer and Beatport APIs from a catalog, with their real rate limits.")
final class SimulateCommand implements Callable<Integer> {
    @Option(names = "--catalog", paramLabel = "FILE", description = "Catalog JSONL (docs/contracts.md §6).")
    Path catalog;

    @Option(names = "--fixtures", paramLabel = "DIR", description = "Serve the recorded bodies of DIR/<provider>/ (e.g. ../shared/fixtures/providers).")
    Path fixtures;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8089", description = "Port (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "Bind address. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--limit-scale", paramLabel = "X", defaultValue = "1", description = "Speed the rate limits up X times (10: MusicBrainz allows 10 req/s).")
    double limitScale;

    @Option(names = "--latency-ms", paramLabel = "M", defaultValue = "0", description = "Fixed latency added to every answer.")
    long latencyMs;

    @Option(names = "--jitter-ms", paramLabel = "J", defaultValue = "0", description = "Random extra latency in [0, J].")
    long jitterMs;

    @Option(names = "--fault", paramLabel = "PROVIDER:KIND:SHARE",
            description = "Inject faults, repeatable. KIND: 5xx, timeout, malformed, reset, 403. PROVIDER * means all. E.g. musicbrainz:5xx:0.2")
    List<String> faults = new ArrayList<>();

    @Option(names = "--limit", paramLabel = "PROVIDER=MAX/WINDOW", description = "Override a quota, repeatable, e.g. spotify=180/30s.")
    List<String> limits = new ArrayList<>();

    @Option(names = "--no-limits", description = "Do not enforce rate limits.")
    boolean noLimits;

    @Option(names = "--timeout-fault-ms", paramLabel = "MS", defaultValue = "15000", description = "Delay of a timeout fault. Default: ${DEFAULT-VALUE}.")
    long timeoutFaultMs;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for fault and jitter draws.")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "64", description = "Server threads (benchmarks with many requests in flight). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() throws InterruptedException {
        SimulatorConfig.Builder b = SimulatorConfig.builder().port(port).bindAddress(bind).limitScale(limitScale)
                .latency(latencyMs, jitterMs).enforceLimits(!noLimits).timeoutFaultMs(timeoutFaultMs).threads(threads);
        if (catalog != null) b.catalog(catalog);
        if (fixtures != null) b.fixtures(fixtures);
        for (String f : faults) b.fault(FaultSpec.parse(f));
        for (String l : limits) {
            int eq = l.indexOf('=');
            if (eq < 0) throw new IllegalArgumentException("--limit: expected PROVIDER=MAX/WINDOW, got '" + l + "'");
            ProviderName p;
            try {
                p = ProviderName.of(l.substring(0, eq));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--limit: unknown provider '" + l.substring(0, eq) + "'");
            }
            try {
                b.limit(p, io.songnodes.enrich.config.Rate.parse(l.substring(eq + 1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--limit " + p.id() + ": " + e.getMessage());
            }
        }
        if (seed != null) b.seed(seed);
        SimulatorConfig config = b.build();
        CountDownLatch stopped = new CountDownLatch(1);
        ProviderSimulator sim = ProviderSimulator.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            stopped.countDown();
        }, "simulator-shutdown"));
        System.out.println("songnodes simulator listening on " + sim.baseUrl()
                + " (" + (config.fixtureMode() ? "fixtures " + config.fixturesDir() : "catalog " + catalog + ", " + config.catalog().tracks().size() + " tracks")
                + ", limit-scale " + limitScale + "); stats: GET " + sim.baseUrl() + "/__sim/stats");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
