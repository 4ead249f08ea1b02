package io.songnodes.enrich.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.testing.TeamKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kit fixtures one test class parses. It declares them up front (so {@link FixtureCoverageTest} can
 * check every file in the kit is claimed by a test) and checks after the class ran that each declared
 * file was really read.
 */
final class FixtureBook {
    final String provider;
    private final Set<String> declared;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    FixtureBook(String provider, String... files) {
        this.provider = provider;
        this.declared = Set.of(files);
    }

    Set<String> declared() { return new TreeSet<>(declared); }

    /** The recorded body of {@code file}; only declared files may be read. */
    String body(String file) {
        if (!declared.contains(file)) throw new AssertionError(provider + "/" + file + " is not declared in this test's FixtureBook");
        used.add(file);
        try {
            return Files.readString(TeamKit.providers().resolve(provider).resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertAllUsed() {
        assertThat(new TreeSet<>(used)).as(provider + " fixtures declared but never parsed").isEqualTo(declared());
    }
}
