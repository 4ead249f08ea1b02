package io.songnodes.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Command-line options ({@code --key value}, {@code --flag}) with environment fallbacks, read into typed
 * values once at start-up. Every error names the option; unknown options are refused.
 */
public final class Options {
    private final Map<String, String> values;
    private final Map<String, String> env;
    private final Set<String> read = new TreeSet<>();

    private Options(Map<String, String> values, Map<String, String> env) {
        this.values = values;
        this.env = env;
    }

    public static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || a.length() == 2) throw new ConfigException(a, "expected an option starting with --");
            String key = a.substring(2);
            String value = "true";
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            }
            if (values.put(key, value) != null) throw new ConfigException("--" + key, "given twice");
        }
        return new Options(values, env);
    }

    public static Options parse(String[] args) { return parse(args, System.getenv()); }

    /** The option, else the environment variable, else the default (which may be null). */
    public String string(String key, String envVar, String dflt) {
        read.add(key);
        String v = values.get(key);
        if (v == null && envVar != null) v = env.get(envVar);
        return v == null || v.isBlank() ? dflt : v;
    }

    public String string(String key, String dflt) { return string(key, null, dflt); }

    public String required(String key, String envVar) {
        String v = string(key, envVar, null);
        if (v == null) throw new ConfigException("--" + key, "required" + (envVar == null ? "" : " (or set " + envVar + ")"));
        return v;
    }

    public int integer(String key, int dflt, int min, int max) {
        String v = string(key, null);
        if (v == null) return dflt;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) throw new ConfigException("--" + key, "must be in [" + min + ", " + max + "], was " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("--" + key, "not an integer: '" + v + "'");
        }
    }

    public boolean flag(String key) {
        String v = string(key, null);
        if (v == null) return false;
        if (v.equals("true") || v.equals("false")) return Boolean.parseBoolean(v);
        throw new ConfigException("--" + key, "expected true or false, was '" + v + "'");
    }

    /** Durations like {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 30d}. */
    public Duration duration(String key, Duration dflt) {
        String v = string(key, null);
        if (v == null) return dflt;
        try {
            return Durations.parse(v);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--" + key, e.getMessage());
        }
    }

    public <E extends Enum<E>> E choice(String key, Class<E> type, E dflt) {
        String v = string(key, null);
        if (v == null) return dflt;
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--" + key, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT) + ", was '" + v + "'");
        }
    }

    /** Fails on options nobody asked for, so a typo is an error rather than a silent default. */
    public void rejectUnknown() {
        for (String k : values.keySet()) {
            if (!read.contains(k)) throw new ConfigException("--" + k, "unknown option (known: " + String.join(", ", read) + ")");
        }
    }

    public Map<String, String> given() { return Collections.unmodifiableMap(values); }
}
