package io.songnodes.tools.sim.api;

import io.songnodes.identity.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.LevenshteinAutomata;
import org.apache.lucene.util.automaton.Operations;

/**
 * The part of MusicBrainz's Lucene syntax a query with fuzzy terms uses, answered as the search server does:
 * {@code field:(a~ +b~1 c)} and {@code field:term~}, clauses joined by {@code AND}. A fuzzy term {@code word~N}
 * matches an indexed word within N edits of Damerau-Levenshtein distance (a transposed pair is one edit), N being
 * 2 when left out and never more than 2, and only when the distance is smaller than the shorter of the two words:
 * Lucene's {@code FuzzyQuery} with its defaults (no fixed prefix, transpositions on), evaluated with Lucene's own
 * automata. A term without {@code ~} matches its word exactly, as every plain search of the simulator does.
 * Inside a group, {@code +} marks a required term, {@code AND} makes every term required, and otherwise any
 * one term will do (Lucene's default operator, OR). Immutable.
 */
final class FuzzyLuceneQuery {
    private static final Pattern CLAUSE = Pattern.compile("(\\w+):(?:\\(([^)]*)\\)|(\\S+))");
    private static final Pattern TERM = Pattern.compile("^([+-]?)([^~]+)(?:~([0-9.]*))?$");

    /** One term: its word, the edits it allows (0 = exact), whether it must (not) match, and its automata by edits. */
    record Term(String word, int maxEdits, boolean required, boolean prohibited, Automaton[] automata) {
        Term(String word, int maxEdits, boolean required, boolean prohibited) {
            this(word, maxEdits, required, prohibited, automata(word, maxEdits));
        }

        private static Automaton[] automata(String word, int maxEdits) {
            LevenshteinAutomata la = new LevenshteinAutomata(word, true);
            Automaton[] out = new Automaton[maxEdits + 1];
            for (int n = 1; n <= maxEdits; n++) out[n] = la.toAutomaton(n);
            return out;
        }

        /** The Damerau-Levenshtein distance to {@code w} when at most {@link #maxEdits}, else -1. */
        int distance(String w) {
            if (word.equals(w)) return 0;
            for (int n = 1; n <= maxEdits; n++) if (Operations.run(automata[n], w)) return n;
            return -1;
        }
    }

    /** One field's terms; {@code all}: every term must match. */
    record Clause(String field, List<Term> terms, boolean all) {}

    private final List<Clause> clauses;

    private FuzzyLuceneQuery(List<Clause> clauses) { this.clauses = List.copyOf(clauses); }

    /** True for a query this class answers: one with a fuzzy term outside quotes. */
    static boolean isFuzzy(String q) { return q != null && q.replaceAll("\"[^\"]*\"", "").contains("~"); }

    static FuzzyLuceneQuery parse(String q) {
        List<Clause> out = new ArrayList<>();
        Matcher m = CLAUSE.matcher(q.replaceAll("\"[^\"]*\"", " "));
        while (m.find()) {
            String body = m.group(2) != null ? m.group(2) : m.group(3);
            List<String> tokens = new ArrayList<>(Arrays.asList(body.trim().split("\\s+")));
            boolean all = tokens.contains("AND");
            tokens.removeIf(t -> t.isEmpty() || t.equals("AND") || t.equals("OR"));
            List<Term> terms = new ArrayList<>();
            for (String t : tokens) {
                Matcher tm = TERM.matcher(t);
                if (!tm.matches()) continue;
                String word = TextNormalizer.normalize(tm.group(2));
                if (word.isEmpty() || word.contains(" ")) continue;
                terms.add(new Term(word, edits(tm.group(3), word), tm.group(1).equals("+"), tm.group(1).equals("-")));
            }
            if (!terms.isEmpty()) out.add(new Clause(m.group(1).toLowerCase(Locale.ROOT), terms, all));
        }
        return new FuzzyLuceneQuery(out);
    }

    /** {@code ~} alone: 2; {@code ~N}: N, at most 2; {@code ~0.x}: Lucene's old similarity, converted as Lucene converts it. */
    private static int edits(String spec, String word) {
        if (spec == null) return 0;
        if (spec.isEmpty()) return LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE;
        float f = Float.parseFloat(spec);
        if (f >= 1f) return (int) Math.min(f, LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE);
        return (int) Math.min((1.0 - f) * word.codePointCount(0, word.length()), LevenshteinAutomata.MAXIMUM_SUPPORTED_DISTANCE);
    }

    List<Clause> clauses() { return clauses; }

    /**
     * How well a document matches, or -1 when it does not: {@code fields} gives a field's indexed words. An exact word
     * counts 1, a fuzzy one less the more edits it took, so the literal spelling ranks first.
     */
    double score(Function<String, Set<String>> fields) {
        double total = 0;
        for (Clause c : clauses) {
            Set<String> words = fields.apply(c.field());
            if (words == null) return -1;
            boolean anyRequired = c.terms().stream().anyMatch(Term::required);
            double clause = 0;
            int matched = 0;
            for (Term t : c.terms()) {
                double s = best(t, words);
                if (t.prohibited()) {
                    if (s > 0) return -1;
                    continue;
                }
                if (s <= 0 && (c.all() || t.required())) return -1;
                if (s > 0) {
                    matched++;
                    clause += s;
                }
            }
            if (matched == 0 && !anyRequired && !c.all()) return -1;
            total += clause;
        }
        return clauses.isEmpty() ? -1 : total;
    }

    /** 1 for the word itself, 1 - d/(d+1) for d edits, 0 for no match. */
    private static double best(Term t, Set<String> words) {
        if (words.contains(t.word())) return 1.0;
        if (t.maxEdits() == 0) return 0;
        int bestEdits = Integer.MAX_VALUE;
        for (String w : words) {
            int d = t.distance(w);
            // Lucene's FuzzyQuery: the edits must be fewer than the shorter term has characters
            if (d >= 0 && d < Math.min(t.word().codePointCount(0, t.word().length()), w.codePointCount(0, w.length()))) {
                bestEdits = Math.min(bestEdits, d);
            }
        }
        return bestEdits == Integer.MAX_VALUE ? 0 : 1.0 - bestEdits / (bestEdits + 1.0);
    }
}
