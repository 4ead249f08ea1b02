package io.songnodes.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HarmonyTest {
    private static CamelotKey k(String s) { return KeyNames.require(s); }

    @ParameterizedTest(name = "{0} -> {1} = {2}")
    @CsvSource({
            "8A,8A,1.0", "8A,9A,0.9", "8A,7A,0.9", "12B,1B,0.9", "1A,12A,0.9",
            "8A,8B,0.85", "3B,3A,0.85",
            "8A,10A,0.6", "8A,6A,0.6", "8A,9B,0.6", "8A,7B,0.6", "1B,11B,0.6", "12A,1B,0.6",
            "8A,11A,0.3", "8A,10B,0.3", "8A,2A,0.3", "8B,3A,0.3"})
    void camelotCompatibility(String from, String to, double expected) {
        assertThat(Harmony.compatibility(k(from), k(to))).isEqualTo(expected);
        assertThat(Harmony.compatibility(k(to), k(from))).isEqualTo(expected);
    }

    @Test
    void qualityOfHandComputedTransitions() {
        // 128 -> 126 BPM: 1 - 2/20 = 0.9; 8A -> 9A: 0.9; energy 0.70 -> 0.80: 0.9; 0.9 * 0.9 * 0.9 = 0.729
        assertThat(Harmony.transitionQuality(128.0, k("8A"), 0.70, 126.0, k("9A"), 0.80)).isCloseTo(0.729, within(1e-12));
        // Cosmic Gate set, tracks 1 -> 2: 127.995 -> 128.010 BPM, 6A (G minor) -> 9A (E minor), energy 0.753 -> 0.899
        // (1 - 0.015/20) * 0.3 * (1 - 0.146) = 0.99925 * 0.3 * 0.854 = 0.25600785
        assertThat(Harmony.transitionQuality(127.995, k("Gmin"), 0.753, 128.01, k("Emin"), 0.899)).isCloseTo(0.25600785, within(1e-8));
        // a 25 BPM jump earns nothing, whatever the key
        assertThat(Harmony.transitionQuality(100.0, k("8A"), 0.5, 125.0, k("8A"), 0.5)).isZero();
        // same everything
        assertThat(Harmony.transitionQuality(124.0, k("5B"), 0.6, 124.0, k("5B"), 0.6)).isEqualTo(1.0);
        // 10 BPM, incompatible, energy jump 0.4: 0.5 * 0.3 * 0.6 = 0.09
        assertThat(Harmony.transitionQuality(120.0, k("1A"), 0.2, 130.0, k("6B"), 0.6)).isCloseTo(0.09, within(1e-12));
    }

    @Test
    void missingValuesUseTheDocumentedNeutralFactors() {
        // unknown key: 0.5; 128 -> 128: 1; energy equal: 1
        assertThat(Harmony.transitionQuality(128.0, null, 0.5, 128.0, k("8A"), 0.5)).isEqualTo(0.5);
        // unknown BPM (0.5) and unknown energy (0.5), relative key 0.85: 0.2125
        assertThat(Harmony.transitionQuality(null, k("8A"), null, 128.0, k("8B"), 0.9)).isCloseTo(0.2125, within(1e-12));
        assertThat(Harmony.bpmFactor(128.0, null)).isEqualTo(Harmony.UNKNOWN_BPM_FACTOR);
        assertThat(Harmony.energyFactor(null, 0.3)).isEqualTo(Harmony.UNKNOWN_ENERGY_FACTOR);
        assertThat(Harmony.keyFactor(k("8A"), null)).isEqualTo(Harmony.UNKNOWN_KEY_FACTOR);
    }
}
