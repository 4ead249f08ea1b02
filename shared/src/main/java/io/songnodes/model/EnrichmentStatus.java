package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Silver {@code enrichment_status}; {@code pending} is a silver row that no enrichment has touched yet, and
 * {@code not_found} one that every provider answered without a match (no field filled, no provider error).
 */
public enum EnrichmentStatus {
    PENDING, COMPLETED, PARTIAL, FAILED, UNIDENTIFIED, NOT_FOUND;

    @JsonValue public String wireName() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator public static EnrichmentStatus fromWire(String s) { return valueOf(s.trim().toUpperCase(Locale.ROOT)); }
}
