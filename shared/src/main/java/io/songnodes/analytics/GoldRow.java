package io.songnodes.analytics;

/**
 * One computed gold row. Values follow {@link GoldTable#columns()}: Strings, Integers, Doubles,
 * LocalDates, {@code List<String>} / {@code List<Double>} for arrays and {@code Map} for JSONB.
 */
public interface GoldRow {
    GoldTable table();

    Object[] values();
}
