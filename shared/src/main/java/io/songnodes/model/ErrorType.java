package io.songnodes.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a record was dead-lettered (docs/contracts.md §2); the wire names are fixed. */
public enum ErrorType {
    VALIDATION, PROVIDER_TRANSIENT, PROVIDER_PERMANENT, RATE_LIMITED, CIRCUIT_OPEN, TIMEOUT, SINK, INTERNAL;

    @JsonValue public String wireName() { return name().toLowerCase(Locale.ROOT); }

    @JsonCreator public static ErrorType fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
