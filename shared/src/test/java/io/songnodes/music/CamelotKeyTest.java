package io.songnodes.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CamelotKeyTest {

    /** All 24 keys, written out from the table in docs/providers.md, not derived from the code under test. */
    @ParameterizedTest(name = "pc {0} mode {1} = {2} ({3})")
    @CsvSource({
            "0,1,8B,C major", "1,1,3B,C# major", "2,1,10B,D major", "3,1,5B,D# major", "4,1,12B,E major", "5,1,7B,F major",
            "6,1,2B,F# major", "7,1,9B,G major", "8,1,4B,G# major", "9,1,11B,A major", "10,1,6B,A# major", "11,1,1B,B major",
            "0,0,5A,C minor", "1,0,12A,C# minor", "2,0,7A,D minor", "3,0,2A,D# minor", "4,0,9A,E minor", "5,0,4A,F minor",
            "6,0,11A,F# minor", "7,0,6A,G minor", "8,0,1A,G# minor", "9,0,8A,A minor", "10,0,3A,A# minor", "11,0,10A,B minor"})
    void everyPitchClassAndModeMapsToTheKitWheel(int pc, int mode, String camelot, String name) {
        CamelotKey key = CamelotKey.of(pc, mode);
        assertThat(key.toString()).isEqualTo(camelot);
        assertThat(key.keyName()).isEqualTo(name);
        assertThat(key.pitchClass()).isEqualTo(pc);
        assertThat(key.mode()).isEqualTo(mode);
        assertThat(CamelotKey.parseCamelot(camelot)).contains(key);
        assertThat(KeyNames.parse(name)).contains(key);
    }

    @Test
    void theTwentyFourKeysAreDistinct() {
        Set<CamelotKey> seen = new HashSet<>();
        for (int pc = 0; pc < 12; pc++) for (int mode = 0; mode < 2; mode++) seen.add(CamelotKey.of(pc, mode));
        assertThat(seen).hasSize(24);
    }

    @Test
    void minorKeysAreNotMappedAsMajor() {
        // the legacy bug: A minor came out as 11B (A major) instead of 8A
        assertThat(CamelotKey.of(9, 0)).hasToString("8A");
        assertThat(CamelotKey.of(9, 0).relative()).isEqualTo(CamelotKey.of(0, 1));
    }

    @Test
    void compatibleKeysAreSameNeighboursAndRelative() {
        assertThat(CamelotKey.parseCamelot("8A").orElseThrow().compatibleKeys()).extracting(CamelotKey::toString)
                .containsExactly("8A", "7A", "9A", "8B");
        assertThat(CamelotKey.parseCamelot("12B").orElseThrow().compatibleKeys()).extracting(CamelotKey::toString)
                .containsExactly("12B", "11B", "1B", "12A");
        assertThat(CamelotKey.parseCamelot("1A").orElseThrow().compatibleKeys()).extracting(CamelotKey::toString)
                .containsExactly("1A", "12A", "2A", "1B");
    }

    @Test
    void familyNamesTheRelativePair() {
        assertThat(CamelotKey.parseCamelot("8A").orElseThrow().family()).isEqualTo("8: C major / A minor");
        assertThat(CamelotKey.parseCamelot("8B").orElseThrow().family()).isEqualTo("8: C major / A minor");
        assertThat(CamelotKey.parseCamelot("12A").orElseThrow().family()).isEqualTo("12: E major / C# minor");
    }

    @Test
    void distanceWrapsAroundTheWheel() {
        CamelotKey k12 = CamelotKey.parseCamelot("12A").orElseThrow();
        assertThat(k12.distance(CamelotKey.parseCamelot("1A").orElseThrow())).isEqualTo(1);
        assertThat(k12.distance(CamelotKey.parseCamelot("6A").orElseThrow())).isEqualTo(6);
        assertThat(k12.distance(CamelotKey.parseCamelot("1B").orElseThrow())).isEqualTo(2);
    }

    @Test
    void invalidInputIsRejectedWithTheValue() {
        assertThatThrownBy(() -> CamelotKey.of(12, 1)).hasMessageContaining("12");
        assertThatThrownBy(() -> CamelotKey.of(0, 2)).hasMessageContaining("mode");
        assertThat(CamelotKey.ofNullable(-1, 1)).isEmpty(); // Spotify: no key detected
        assertThat(CamelotKey.ofNullable(null, 1)).isEmpty();
        assertThat(CamelotKey.parseCamelot("13A")).isEmpty();
        assertThat(CamelotKey.parseCamelot("0B")).isEmpty();
    }
}
