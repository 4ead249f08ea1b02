package io.songnodes.enrich.waterfall;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyNamesTest {

    private static String camelot(String name) { return KeyNames.parse(name).orElseThrow(() -> new AssertionError(name)).camelot(); }

    @Test
    void theWheelMatchesTheDesignNote() {
        // design/providers.md: majors are B, minors are A
        String[] major = {"8B", "3B", "10B", "5B", "12B", "7B", "2B", "9B", "4B", "11B", "6B", "1B"};
        String[] minor = {"5A", "12A", "7A", "2A", "9A", "4A", "11A", "6A", "1A", "8A", "3A", "10A"};
        Set<String> all = new HashSet<>();
        for (int pc = 0; pc < 12; pc++) {
            assertThat(KeyNames.of(pc, 1).orElseThrow().camelot()).isEqualTo(major[pc]);
            assertThat(KeyNames.of(pc, 0).orElseThrow().camelot()).isEqualTo(minor[pc]);
            all.add(major[pc]);
            all.add(minor[pc]);
            // every Camelot code parses back to its key
            assertThat(KeyNames.parse(major[pc]).orElseThrow()).isEqualTo(new KeyNames.Key(pc, 1));
            assertThat(KeyNames.parse(minor[pc]).orElseThrow()).isEqualTo(new KeyNames.Key(pc, 0));
        }
        assertThat(all).hasSize(24);
    }

    @Test
    void everyProviderSpellingParses() {
        assertThat(camelot("C# Major")).isEqualTo("3B");
        assertThat(camelot("c# minor")).isEqualTo("12A");
        assertThat(camelot("Db major")).isEqualTo("3B");
        assertThat(camelot("F#m")).isEqualTo("11A");
        assertThat(camelot("Gmin")).isEqualTo("6A");
        assertThat(camelot("8A")).isEqualTo("8A");
        assertThat(camelot("A Minor")).isEqualTo("8A");
        assertThat(camelot("E Major")).isEqualTo("12B");
        assertThat(camelot("A\u266d Minor")).isEqualTo("1A");
        assertThat(camelot("Bbm")).isEqualTo("3A");
        assertThat(camelot("B")).isEqualTo("1B");
        assertThat(camelot("Cb major")).isEqualTo("1B");
        assertThat(KeyNames.parse("A Minor").orElseThrow().name()).isEqualTo("A minor");
        assertThat(KeyNames.parse("Db major").orElseThrow().name()).isEqualTo("C# major");
    }

    @Test
    void unknownKeysAreEmpty() {
        // Spotify key -1 means no key was detected
        assertThat(KeyNames.of(-1, 1)).isEmpty();
        assertThat(KeyNames.of(3, null)).isEmpty();
        assertThat(KeyNames.of(12, 0)).isEmpty();
        assertThat(KeyNames.parse("H minor")).isEmpty();
        assertThat(KeyNames.parse("13A")).isEmpty();
        assertThat(KeyNames.parse(null)).isEmpty();
        assertThat(KeyNames.parse("")).isEmpty();
    }
}
