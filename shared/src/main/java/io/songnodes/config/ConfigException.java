package io.songnodes.config;

import java.util.List;

/**
 * An option or configuration file that is missing or wrong. Every message starts with the key it is about
 * ({@code --dlq: ...}, {@code fields.bpm.min_confidence: ...}); a file can carry several at once.
 */
public class ConfigException extends IllegalArgumentException {
    private final String key;
    private final List<String> errors;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.errors = List.of(key + ": " + problem);
    }

    /** Several problems of one file or document ({@code source}), each starting with its key path. */
    public ConfigException(String source, List<String> errors) {
        super("invalid config " + source + ":\n  " + String.join("\n  ", errors));
        this.key = source;
        this.errors = List.copyOf(errors);
    }

    /** The option or file the problem is about. */
    public String key() { return key; }

    /** One message per problem, each starting with its key path. */
    public List<String> errors() { return errors; }
}
