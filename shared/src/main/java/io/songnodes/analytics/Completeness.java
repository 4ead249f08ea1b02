package io.songnodes.analytics;

import java.io.Serializable;

/**
 * Share of enrichable silver fields that are filled, per field category: identifiers (spotify, musicbrainz,
 * discogs, beatport, deezer ids and isrc), audio (bpm, key, energy, danceability, valence) and metadata
 * (genres, label, release date, duration). {@code overall} weighs every field equally.
 */
public record Completeness(double identifiers, double audio, double metadata, double overall) implements Serializable {
    public static final int IDENTIFIER_FIELDS = 6;
    public static final int AUDIO_FIELDS = 5;
    public static final int METADATA_FIELDS = 4;
    /** The {@code field_category} label values of {@code medallion_enrichment_completeness}. */
    public static final String[] CATEGORIES = {"identifiers", "audio", "metadata", "overall"};

    /** From the number of filled fields in each category. */
    public static Completeness ofCounts(int identifiers, int audio, int metadata) {
        return new Completeness((double) identifiers / IDENTIFIER_FIELDS, (double) audio / AUDIO_FIELDS,
                (double) metadata / METADATA_FIELDS,
                (double) (identifiers + audio + metadata) / (IDENTIFIER_FIELDS + AUDIO_FIELDS + METADATA_FIELDS));
    }

    /** Counts the non-null, non-blank values. */
    public static int filled(Object... values) {
        int n = 0;
        for (Object v : values) {
            if (v == null) continue;
            if (v instanceof String s && s.isBlank()) continue;
            if (v instanceof java.util.Collection<?> c && c.isEmpty()) continue;
            n++;
        }
        return n;
    }
}
