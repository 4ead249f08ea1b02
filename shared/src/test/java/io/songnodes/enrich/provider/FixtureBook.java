package io.songnodes.enrich.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.testing.TeamKit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The kit fixtures one test class parses, registered as a JUnit extension. It declares them up front (so
 * {@link FixtureCoverageTest} can check every file in the kit is claimed by a test) and, when the whole
 * class ran (not a single method picked out), checks that each declared file was really read.
 */
final class FixtureBook implements BeforeEachCallback, AfterAllCallback {
    final String provider;
    private final Set<String> declared;
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ran = new AtomicInteger();

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

    @Override public void beforeEach(ExtensionContext context) { ran.incrementAndGet(); }

    @Override
    public void afterAll(ExtensionContext context) {
        Method[] methods = context.getRequiredTestClass().getDeclaredMethods();
        long tests = Arrays.stream(methods).filter(m -> m.isAnnotationPresent(Test.class)).count();
        if (ran.get() < tests) return; // a filtered run: the other methods parse the rest
        assertThat(new TreeSet<>(used)).as(provider + " fixtures declared but never parsed").isEqualTo(declared());
    }
}
