package io.songnodes.tools.enrich;

import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.testing.TeamKit;
import io.songnodes.testing.TestRedis;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.sim.ProviderSimulator;
import io.songnodes.tools.sim.SimulatorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Report (not a test): {@code songnodes enrich}'s summary (calls per track per provider, quota ceiling) over the kit's
 * tracklists and over the demo catalog, with the shipped waterfall and with a given alternative one (for example the
 * previous field order), each from an empty cache. Run: {@code shared/tools/bin/calls-per-track [OTHER_WATERFALL.yaml]}.
 */
public final class CallsPerTrackReport {
    private static final double SCALE = 20;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("calls-per-track");
        List<CatalogTrack> kit = CatalogBuilder.from1001Dir(TeamKit.tracklists().resolve("antoncitko-1001tracklists-visualizer"));
        Path kitBronze = dir.resolve("kit.jsonl");
        Files.write(kitBronze, TracklistFixtures.all1001().stream().map(r -> Json.write(r.bronze())).toList());
        Catalog demo = Catalog.load(Path.of("shared/tools/catalog/demo.jsonl"));
        Path demoBronze = dir.resolve("demo.jsonl");
        List<CatalogTrack> tracks = demo.tracks();
        Files.write(demoBronze, java.util.stream.IntStream.range(0, tracks.size()).mapToObj(i -> Json.write(new BronzeRecord("demo",
                "https://example.org/demo/" + i, null, tracks.get(i).artist(), tracks.get(i).fullTitle(), null, null, Instant.now(), "report"))).toList());
        List<String> configs = args.length > 0 ? List.of("shipped", args[0]) : List.of("shipped");
        for (String config : configs) {
            run("kit tracklists (" + kitBronze.getFileName() + "), waterfall " + config, new Catalog(kit), kitBronze, config, dir);
            run("demo catalog, waterfall " + config, demo, demoBronze, config, dir);
        }
    }

    private static void run(String label, Catalog catalog, Path bronze, String config, Path dir) throws Exception {
        try (ProviderSimulator sim = ProviderSimulator.start(SimulatorConfig.builder().port(0).limitScale(SCALE).catalog(catalog).build());
             TestRedis redis = new TestRedis()) {
            List<String> args = new java.util.ArrayList<>(List.of("enrich", "--input", bronze.toString(), "--output", dir.resolve("out.jsonl").toString(),
                    "--providers-url", sim.baseUrl(), "--redis-uri", redis.uri(), "--redis-prefix", redis.prefix(),
                    "--limit-scale", String.valueOf(SCALE)));
            if (!config.equals("shipped")) args.addAll(List.of("--waterfall-config", config));
            CliRun r = CliRun.of(CliRun.SIMULATOR_CREDENTIALS, args.toArray(String[]::new));
            System.out.println("== " + label);
            System.out.print(r.out());
            if (r.exitCode() != 0) System.out.println("exit " + r.exitCode() + ": " + r.err());
        }
    }
}
