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
    private final boolean help;

    private Options(Map<String, String> values, Map<String, String> env, boolean help) {
        this.values = values;
        this.env = env;
        this.help = help;
    }

    public static Options parse(String[] args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) return new Options(Map.of(), env, true);
        }
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
        return new Options(values, env, false);
    }

    public static Options parse(String[] args) { return parse(args, System.getenv()); }

    /** {@code --help} or {@code -h} was given: print the usage instead of reading anything. */
    public boolean helpRequested() { return help; }

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

    public long longValue(String key, long dflt, long min, long max) {
        String v = string(key, null);
        if (v == null) return dflt;
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > max) throw new ConfigException("--" + key, "must be in [" + min + ", " + max + "], was " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("--" + key, "not an integer: '" + v + "'");
        }
    }

    public double decimal(String key, double dflt, double min, double max) {
        String v = string(key, null);
        if (v == null) return dflt;
        try {
            double n = Double.parseDouble(v.trim());
            if (!(n >= min && n <= max)) throw new ConfigException("--" + key, "must be in [" + min + ", " + max + "], was " + v.trim());
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException("--" + key, "not a number: '" + v + "'");
        }
    }

    /** A comma-separated list, blanks dropped; empty when not given. */
    public java.util.List<String> list(String key) {
        String v = string(key, null);
        if (v == null) return java.util.List.of();
        return java.util.Arrays.stream(v.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** {@code name=value,name=value}; empty when not given. */
    public Map<String, String> pairs(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : list(key)) {
            int eq = item.indexOf('=');
            if (eq <= 0) throw new ConfigException("--" + key, "expected name=value, was '" + item + "'");
            out.put(item.substring(0, eq).strip(), item.substring(eq + 1).strip());
        }
        return out;
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

    /** The environment the fallbacks come from (credentials some settings resolve themselves). */
    public Map<String, String> environment() { return Collections.unmodifiableMap(env); }

    /** The options read so far: after a job's parse, every option it knows. */
    public Set<String> known() { return Collections.unmodifiableSet(read); }
}
