package io.songnodes.config;

/** A configuration or option that is missing or wrong; the message names the key. */
public class ConfigException extends IllegalArgumentException {
    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() { return key; }
}
