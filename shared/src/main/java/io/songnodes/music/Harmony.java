package io.songnodes.music;

/**
 * How well two keys mix on the Camelot wheel, and the transition quality of playing one track after
 * another. Missing values get neutral factors so that an unknown never looks like a perfect or a terrible mix.
 */
public final class Harmony {
    /** Key factor when either key is unknown: between "two steps" (0.6) and "incompatible" (0.3). */
    public static final double UNKNOWN_KEY_FACTOR = 0.5;
    /** BPM factor when either tempo is unknown: half credit, as for a 10 BPM jump. */
    public static final double UNKNOWN_BPM_FACTOR = 0.5;
    /** Energy factor when either energy is unknown: as for an energy jump of 0.5. */
    public static final double UNKNOWN_ENERGY_FACTOR = 0.5;
    /** A tempo change of this many BPM or more earns no BPM credit. */
    public static final double BPM_SPAN = 20.0;

    private Harmony() {}

    /**
     * Same key 1.0; ±1 on the same letter 0.9; relative major/minor 0.85; two steps (±2 on the same
     * letter, or ±1 and the other letter) 0.6; anything else 0.3.
     */
    public static double compatibility(CamelotKey from, CamelotKey to) {
        if (from.equals(to)) return 1.0;
        boolean sameLetter = from.letter() == to.letter();
        int d = from.distance(to);
        if (sameLetter && d == 1) return 0.9;
        if (!sameLetter && from.number() == to.number()) return 0.85;
        if (d == 2) return 0.6;
        return 0.3;
    }

    /** {@link #compatibility}, or {@link #UNKNOWN_KEY_FACTOR} when either key is missing. */
    public static double keyFactor(CamelotKey from, CamelotKey to) {
        return from == null || to == null ? UNKNOWN_KEY_FACTOR : compatibility(from, to);
    }

    /** {@code 1 - min(|ΔBPM| / 20, 1)}, or {@link #UNKNOWN_BPM_FACTOR} when either tempo is missing. */
    public static double bpmFactor(Double fromBpm, Double toBpm) {
        if (fromBpm == null || toBpm == null) return UNKNOWN_BPM_FACTOR;
        return 1.0 - Math.min(Math.abs(toBpm - fromBpm) / BPM_SPAN, 1.0);
    }

    /** {@code 1 - |Δenergy|} (energies in 0..1), or {@link #UNKNOWN_ENERGY_FACTOR} when either is missing. */
    public static double energyFactor(Double fromEnergy, Double toEnergy) {
        if (fromEnergy == null || toEnergy == null) return UNKNOWN_ENERGY_FACTOR;
        return 1.0 - Math.min(Math.abs(toEnergy - fromEnergy), 1.0);
    }

    /** Transition quality = BPM factor × key compatibility × energy factor, in 0..1. */
    public static double transitionQuality(Double fromBpm, CamelotKey fromKey, Double fromEnergy,
                                           Double toBpm, CamelotKey toKey, Double toEnergy) {
        return bpmFactor(fromBpm, toBpm) * keyFactor(fromKey, toKey) * energyFactor(fromEnergy, toEnergy);
    }
}
