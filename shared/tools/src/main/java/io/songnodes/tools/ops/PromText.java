package io.songnodes.tools.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Samples of the Prometheus text format (what Flink's reporter serves), with the few folds the status view needs. */
final class PromText {
    /** One sample: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private final List<Sample> samples;

    PromText(List<Sample> samples) { this.samples = samples; }

    static PromText parse(String text) {
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.trim();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int brace = line.indexOf('{');
            int space;
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < line.indexOf(' ')) {
                name = line.substring(0, brace);
                int close = labels(line, brace + 1, labels);
                space = close + 1;
            } else {
                space = line.indexOf(' ');
                if (space < 0) continue;
                name = line.substring(0, space);
            }
            String[] rest = line.substring(space).trim().split("\\s+");
            if (rest.length == 0 || rest[0].isEmpty()) continue;
            try {
                out.add(new Sample(name, labels, Double.parseDouble(rest[0])));
            } catch (NumberFormatException e) {
                // NaN and Inf parse; anything else is not a sample
            }
        }
        return new PromText(out);
    }

    /** Parses {@code k="v",...} from {@code i}; returns the index of the closing brace. */
    private static int labels(String line, int i, Map<String, String> into) {
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).trim().replaceFirst("^,", "").trim();
            StringBuilder v = new StringBuilder();
            int j = eq + 2;
            while (j < line.length() && line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\' && j + 1 < line.length()) {
                    char n = line.charAt(++j);
                    v.append(n == 'n' ? '\n' : n);
                } else {
                    v.append(c);
                }
                j++;
            }
            into.put(key, v.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') i++;
        }
        return i;
    }

    PromText plus(PromText other) {
        List<Sample> all = new ArrayList<>(samples);
        all.addAll(other.samples);
        return new PromText(all);
    }

    boolean isEmpty() { return samples.isEmpty(); }

    /** Samples whose name ends with {@code _<base>} (Flink prefixes scope and label keys) and whose labels match. */
    List<Sample> select(String base, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(s -> (s.name().equals(base) || s.name().endsWith("_" + base)) && labels.test(s.labels())).toList();
    }

    double sum(String base, Predicate<Map<String, String>> labels) { return select(base, labels).stream().mapToDouble(Sample::value).sum(); }

    /** The largest value, or null when no sample matches. */
    Double max(String base, Predicate<Map<String, String>> labels) {
        return select(base, labels).stream().map(Sample::value).filter(v -> !v.isNaN()).max(Double::compare).orElse(null);
    }

    Double min(String base, Predicate<Map<String, String>> labels) {
        return select(base, labels).stream().map(Sample::value).filter(v -> !v.isNaN()).min(Double::compare).orElse(null);
    }
}
