package io.songnodes.tools;

import io.songnodes.tools.catalog.Catalog;
import io.songnodes.tools.catalog.CatalogBuilder;
import io.songnodes.tools.catalog.CatalogTrack;
import io.songnodes.tools.catalog.NearMisses;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code songnodes catalog}: builds a simulator catalog from 1001tracklists exports. */
@Command(name = "catalog", mixinStandardHelpOptions = true, description = "Build a simulator catalog (JSONL) from tracklist exports.")
final class CatalogCommand implements Callable<Integer> {
    @Option(names = "--from-1001", paramLabel = "DIR", required = true, description = "Directory of 1001tracklists CSV exports.")
    Path from1001;

    @Option(names = "--output", paramLabel = "FILE", required = true, description = "Catalog JSONL to write.")
    Path output;

    @Option(names = "--near-misses", paramLabel = "SEED",
            description = "Also list each song's other versions (original, remix, extended, radio edit, edit) and its title by another artist, with fresh ids; seeded.")
    Long nearMissSeed;

    @Override
    public Integer call() {
        List<CatalogTrack> tracks = CatalogBuilder.from1001Dir(from1001);
        if (nearMissSeed != null) tracks = NearMisses.around(tracks, nearMissSeed);
        Catalog.write(tracks, output);
        long spotify = tracks.stream().filter(t -> t.has("spotify")).count();
        long beatport = tracks.stream().filter(t -> t.has("beatport")).count();
        System.out.println("wrote " + tracks.size() + " tracks to " + output + " (spotify ids: " + spotify + ", beatport ids: " + beatport + ")");
        return 0;
    }
}
