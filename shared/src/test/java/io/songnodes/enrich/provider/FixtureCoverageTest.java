package io.songnodes.enrich.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.testing.TeamKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every recorded provider body in the kit is claimed by a client test: a fixture added to the kit without
 * a test fails the build here. (Each test class in turn checks it parsed every file it claims.)
 */
class FixtureCoverageTest {
    static final List<FixtureBook> BOOKS = List.of(SpotifyClientTest.FIXTURES, MusicBrainzClientTest.FIXTURES,
            DiscogsClientTest.FIXTURES, LastfmClientTest.FIXTURES, DeezerClientTest.FIXTURES, BeatportClientTest.FIXTURES);

    @Test
    void everyKitFixtureIsClaimedByATest() throws IOException {
        Set<String> onDisk = new TreeSet<>();
        try (Stream<Path> files = Files.walk(TeamKit.providers())) {
            files.filter(Files::isRegularFile)
                    .map(p -> TeamKit.providers().relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.equals("SOURCES.md"))
                    .forEach(onDisk::add);
        }
        Set<String> claimed = new TreeSet<>();
        for (FixtureBook b : BOOKS) for (String f : b.declared()) claimed.add(b.provider + "/" + f);

        assertThat(onDisk).as("kit fixtures").hasSizeGreaterThanOrEqualTo(67);
        assertThat(claimed).as("fixtures claimed by tests vs files in " + TeamKit.providers()).isEqualTo(onDisk);
    }

    @Test
    void everyProviderFolderHasABook() throws IOException {
        Set<String> folders = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(TeamKit.providers())) {
            dirs.filter(Files::isDirectory).forEach(d -> folders.add(d.getFileName().toString()));
        }
        Set<String> booked = new TreeSet<>();
        BOOKS.forEach(b -> booked.add(b.provider));
        assertThat(booked).isEqualTo(folders);
    }
}
