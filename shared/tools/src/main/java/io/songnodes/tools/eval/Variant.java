package io.songnodes.tools.eval;

import java.util.Locale;

/** The ways a tracklist or a person writes a name differently from the catalog, one class per evaluation row. */
public enum Variant {
    CLEAN, CASE, JOINERS, FEATURING, DIACRITICS, SPACING,
    TRANSPOSED_ARTIST, TRANSPOSED_TITLE, DROPPED_ARTIST, DROPPED_TITLE, DOUBLED_ARTIST, DOUBLED_TITLE;

    /** The label in reports: {@code transposed-artist}. */
    public String label() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** True for the one-character slips. */
    public boolean slip() { return ordinal() >= TRANSPOSED_ARTIST.ordinal(); }
}
