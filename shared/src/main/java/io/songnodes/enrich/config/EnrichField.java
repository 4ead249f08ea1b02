package io.songnodes.enrich.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The silver fields the waterfall can fill. {@code configName} is the key under {@code fields:} in the
 * waterfall YAML (docs/contracts.md §5 spells {@code key} and {@code genre}); {@code column} is the silver column,
 * which is also the key of the field's provenance. {@code camelot_key} is not configurable: it is derived
 * from {@code key} and shares its provenance.
 */
public enum EnrichField {
    SPOTIFY_ID("spotify_id", "spotify_id"),
    MUSICBRAINZ_ID("musicbrainz_id", "musicbrainz_id"),
    DISCOGS_ID("discogs_id", "discogs_id"),
    BEATPORT_ID("beatport_id", "beatport_id"),
    DEEZER_ID("deezer_id", "deezer_id"),
    ISRC("isrc", "isrc"),
    BPM("bpm", "bpm"),
    KEY("key", "musical_key"),
    ENERGY("energy", "energy"),
    DANCEABILITY("danceability", "danceability"),
    VALENCE("valence", "valence"),
    GENRE("genre", "genres"),
    LABEL("label", "label"),
    RELEASE_DATE("release_date", "release_date"),
    DURATION_MS("duration_ms", "duration_ms");

    private final String configName;
    private final String column;

    EnrichField(String configName, String column) {
        this.configName = configName;
        this.column = column;
    }

    public String configName() { return configName; }

    public String column() { return column; }

    /** Only list fields can collect values from several providers. */
    public boolean appendable() { return this == GENRE; }

    /** The provider whose own id this field is, or null. */
    public String providerIdOf() {
        return column.endsWith("_id") ? column.substring(0, column.length() - 3) : null;
    }

    /** The field for a config key; the silver column spelling ({@code musical_key}, {@code genres}) is accepted too. */
    public static Optional<EnrichField> of(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.configName.equals(n) || f.column.equals(n)).findFirst();
    }

    public static List<String> configNames() { return Arrays.stream(values()).map(EnrichField::configName).toList(); }
}
