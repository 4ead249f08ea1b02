package io.songnodes.enrich.config;

import java.util.Locale;

/** {@code first}: the first provider that wins the field ends its waterfall; {@code append}: every winner's values are unioned. */
public enum FieldMode {
    FIRST, APPEND;

    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
