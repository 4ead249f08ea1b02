package io.songnodes.enrich.config;

import java.util.List;

/** A waterfall config that failed validation; every error starts with the key path it is about. */
public class ConfigException extends RuntimeException {
    private final List<String> errors;

    public ConfigException(String source, List<String> errors) {
        super("invalid waterfall config " + source + ":\n  " + String.join("\n  ", errors));
        this.errors = List.copyOf(errors);
    }

    /** One message per problem, each starting with its key path ("fields.bpm.min_confidence: ..."). */
    public List<String> errors() { return errors; }
}
