package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.config.EnrichField;
import io.songnodes.music.CamelotKey;
import io.songnodes.music.KeyNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads one field's value from a candidate; null when the candidate has no usable value. */
final class FieldValues {
    private static final Pattern ISRC = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}\\d{7}");

    private FieldValues() {}

    static Object extract(EnrichField f, Candidate c) {
        return switch (f) {
            case SPOTIFY_ID, MUSICBRAINZ_ID, DISCOGS_ID, BEATPORT_ID, DEEZER_ID -> providerId(f.providerIdOf(), c);
            case ISRC -> isrc(c);
            // 0 is how Deezer says "unknown"
            case BPM -> c.bpm() != null && c.bpm() > 0 ? c.bpm() : null;
            case KEY -> key(c).map(CamelotKey::keyName).orElse(blank(c.keyName()) ? null : c.keyName().trim());
            case ENERGY -> unit(c.energy());
            case DANCEABILITY -> unit(c.danceability());
            case VALENCE -> unit(c.valence());
            case GENRE -> genres(c.genres());
            case LABEL -> blank(c.label()) ? null : c.label().trim();
            case RELEASE_DATE -> blank(c.releaseDate()) ? null : c.releaseDate().trim();
            case DURATION_MS -> c.durationMs() != null && c.durationMs() > 0 ? c.durationMs() : null;
        };
    }

    /** The key from pitch class and mode, else from the provider's spelling ("A♭ Minor", "F#m", "8A"). */
    static Optional<CamelotKey> key(Candidate c) {
        Optional<CamelotKey> k = CamelotKey.ofNullable(c.key(), c.mode());
        return k.isPresent() ? k : KeyNames.parse(c.keyName());
    }

    static String providerId(String provider, Candidate c) {
        String id = c.id(provider);
        if (blank(id) && provider.equals(c.provider())) id = c.recordId();
        return blank(id) ? null : id.trim();
    }

    static String isrc(Candidate c) {
        String v = c.id("isrc");
        if (blank(v)) return null;
        v = v.trim().toUpperCase(Locale.ROOT).replace("-", "");
        return ISRC.matcher(v).matches() ? v : null;
    }

    private static List<String> genres(List<String> g) {
        if (g == null) return null;
        Set<String> out = new LinkedHashSet<>();
        for (String s : g) if (!blank(s)) out.add(s.trim().toLowerCase(Locale.ROOT));
        return out.isEmpty() ? null : new ArrayList<>(out);
    }

    private static Double unit(Double d) { return d != null && d >= 0 && d <= 1 ? d : null; }

    private static boolean blank(String s) { return s == null || s.isBlank(); }
}
