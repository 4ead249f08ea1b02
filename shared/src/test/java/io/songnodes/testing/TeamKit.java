package io.songnodes.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the team kit ({@code ../shared} beside the checkout) that tests read fixtures from. */
public final class TeamKit {
    private TeamKit() {}

    /** The kit root: {@code $SONGNODES_KIT_DIR}, or {@code shared/} beside the repository root. */
    public static Path root() {
        String env = System.getenv("SONGNODES_KIT_DIR");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("jobs")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                Path kit = dir.getParent().resolve("shared");
                if (Files.isDirectory(kit.resolve("fixtures"))) return kit;
                throw new IllegalStateException("team kit not found at " + kit + " (set SONGNODES_KIT_DIR)");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
    }

    public static Path providers() { return root().resolve("fixtures/providers"); }

    public static Path tracklists() { return root().resolve("fixtures/tracklists"); }
}
