package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Silver {@code enrichment_status}; {@code pending} is a silver row that no enrichment has touched yet. */
public enum EnrichmentStatus {
    PENDING, COMPLETED, PARTIAL, FAILED, UNIDENTIFIED;

    @JsonValue public String wireName() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator public static EnrichmentStatus fromWire(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }
}
