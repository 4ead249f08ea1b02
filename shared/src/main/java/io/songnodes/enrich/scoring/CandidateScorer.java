package io.songnodes.enrich.scoring;

import io.songnodes.enrich.Candidate;
import io.songnodes.identity.TextNormalizer;
import io.songnodes.identity.TrackIdentity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Scores provider candidates against a bronze track and picks the match; thread-safe.
 *
 * <p>confidence = title × artist × version × duration, each factor in [0,1] (see {@link MatchScore}), so any
 * one clear disagreement sinks the candidate. A different version of the same song scores at most
 * {@value #VERSION_MISMATCH}, and a mashup against a non-mashup at most {@value #BLEND_MISMATCH}: both
 * stay below any sane {@code min_confidence}. A candidate that carries an id or ISRC already known for the
 * track (a scraper hint or an earlier provider's match) scores at least {@value #ID_MATCH} when its version
 * agrees and its text is not unrelated (at least {@value #ID_MATCH_MIN_TEXT}): the id is stronger evidence
 * than spelling, but never strong enough to turn a remix into the original.
 */
public final class CandidateScorer implements Serializable {
    public static final double VERSION_MISMATCH = 0.3;
    public static final double BLEND_MISMATCH = 0.1;
    public static final double ID_MATCH = 0.97;
    /** Factor for one song listed with "Extended" on one side only. */
    public static final double SPELLING = 0.98;
    public static final double ID_MATCH_MIN_TEXT = 0.4;
    /** Below this the best candidate is too weak for ambiguity to matter. */
    public static final double AMBIGUITY_FLOOR = 0.5;
    private static final double DURATION_FLOOR = 0.5;

    private final ScoringSettings settings;

    public CandidateScorer(ScoringSettings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public ScoringSettings settings() { return settings; }

    /** The parsed identity of a candidate: its artists, and its title with the provider's mix name when the title lacks it. */
    public static TrackIdentity identityOf(Candidate c) {
        String credit = c.artists() != null && !c.artists().isEmpty() ? String.join(", ", c.artists()) : c.artist();
        return TrackIdentity.parse(credit, fullTitle(c));
    }

    /** The candidate's title with its mix name in brackets when the title lacks it. */
    public static String fullTitle(Candidate c) {
        String title = c.title() == null ? "" : c.title();
        String v = c.version();
        if (v == null || v.isBlank()) return title;
        String nv = TextNormalizer.normalize(v);
        return TextNormalizer.normalize(title).contains(nv) ? title : title + " (" + v + ")";
    }

    /** A candidate parsed once per scoring, reused by the ambiguity check. */
    private record Parsed(TrackIdentity id, VersionInfo version, Set<String> artists) {}

    private static Parsed parse(Candidate c) {
        TrackIdentity id = identityOf(c);
        return new Parsed(id, VersionInfo.of(id, fullTitle(c)), expand(id.allArtists()));
    }

    /** The match confidence of one candidate. */
    public MatchScore score(MatchTarget target, Candidate c) {
        return score(target, expand(target.identity().mainArtists()), expand(target.identity().allArtists()), c, parse(c));
    }

    private MatchScore score(MatchTarget target, Set<String> targetMain, Set<String> targetAll, Candidate c, Parsed p) {
        TrackIdentity cid = p.id();
        VersionInfo cv = p.version();
        TrackIdentity bid = target.identity();

        double title = Similarity.title(bid.baseTitle(), cid.baseTitle());
        double artist = Similarity.artists(targetMain, targetAll, p.artists());
        double version;
        String why;
        if (target.version().blend() != cv.blend()) {
            version = BLEND_MISMATCH;
            why = target.version().blend() ? "bronze is a mashup, candidate is one of its parts or another song"
                    : "candidate is a mashup, bronze is not";
        } else if (!target.version().sameRecording(cv)) {
            version = VERSION_MISMATCH;
            why = "version differs: '" + target.version().label() + "' vs '" + cv.label() + "'";
        } else {
            // "Extended Mix" and no version are one song, but the literal spelling is the likelier listing
            version = target.version().extended() == cv.extended() ? 1.0 : SPELLING;
            why = null;
        }
        double duration = durationFactor(target.durationMs(), c.durationMs());
        double confidence = title * artist * version * duration;
        boolean idMatch = idMatch(target.knownIds(), c);
        if (idMatch && version >= SPELLING && title * artist >= ID_MATCH_MIN_TEXT) confidence = Math.max(confidence, ID_MATCH);
        if (why == null) {
            if (title < 0.8) why = "title differs: '" + bid.baseTitle() + "' vs '" + cid.baseTitle() + "'";
            else if (artist < 0.8) why = "artists differ: " + bid.allArtists() + " vs " + cid.allArtists();
            else if (duration < 1.0) why = "duration differs: " + target.durationMs() + " vs " + c.durationMs() + " ms";
            else why = idMatch ? "id match" : title == Similarity.TITLE_SLIP || title == Similarity.TITLE_SHORT_SLIP
                    ? "match (one-letter slip in the title)" : "match";
        }
        return new MatchScore(clamp(confidence), title, artist, version, duration, idMatch, why);
    }

    /**
     * Splits credits the identity parse keeps whole ("Benny Benassi pres. The Biz", "A b2b B") into their
     * artists, so a provider listing "Benny Benassi" and "The Biz" separately still matches.
     */
    static Set<String> expand(Collection<String> artists) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : artists) {
            out.add(a);
            String[] parts = EXTRA_SEP.split(a);
            if (parts.length > 1) {
                out.remove(a);
                for (String p : parts) if (!p.isBlank()) out.add(TextNormalizer.normalizeArtist(p));
            }
        }
        return out;
    }

    private static final Pattern EXTRA_SEP = Pattern.compile("\\s+(?:pres|presents|b2b)\\s+");

    private double durationFactor(Integer a, Integer b) {
        if (a == null || b == null || a <= 0 || b <= 0) return 1.0;
        long tol = Math.max(1, settings.durationTolerance().toMillis());
        long diff = Math.abs((long) a - b);
        if (diff <= tol) return 1.0;
        return Math.max(DURATION_FLOOR, 1.0 - (1.0 - DURATION_FLOOR) * (diff - tol) / (5.0 * tol));
    }

    private static boolean idMatch(Map<String, String> known, Candidate c) {
        if (known.isEmpty()) return false;
        for (Map.Entry<String, String> e : known.entrySet()) {
            String have = c.id(e.getKey());
            if (have == null && e.getKey().equals(c.provider())) have = c.recordId();
            if (have != null && e.getValue() != null && have.trim().equalsIgnoreCase(e.getValue().trim())) return true;
        }
        return false;
    }

    /** Scores every candidate, ranks them, and applies the ambiguity margin. */
    public Selection select(MatchTarget target, List<Candidate> candidates) {
        List<ScoredCandidate> ranked = new ArrayList<>();
        Map<Candidate, Parsed> parsed = new IdentityHashMap<>();
        Set<String> targetMain = expand(target.identity().mainArtists()), targetAll = expand(target.identity().allArtists());
        for (Candidate c : candidates) {
            Parsed p = parsed.computeIfAbsent(c, CandidateScorer::parse);
            ranked.add(new ScoredCandidate(c, score(target, targetMain, targetAll, c, p)));
        }
        // stable: among equal scores the provider's own order wins
        ranked.sort(Comparator.comparingDouble(ScoredCandidate::confidence).reversed());
        if (ranked.isEmpty()) return new Selection(null, ranked, false, "no candidates");
        ScoredCandidate best = ranked.get(0);
        if (best.confidence() <= 0) return new Selection(null, ranked, false, "no candidate matches");
        // two poor candidates close together are not an ambiguity: neither could win a field
        for (int i = 1; i < ranked.size() && best.confidence() >= AMBIGUITY_FLOOR; i++) {
            ScoredCandidate other = ranked.get(i);
            if (best.confidence() - other.confidence() >= settings.ambiguityMargin()) break;
            if (!sameSong(best.candidate(), parsed.get(best.candidate()), other.candidate(), parsed.get(other.candidate()))) {
                return new Selection(null, ranked, true, String.format(Locale.ROOT,
                        "ambiguous: %.3f vs %.3f ('%s' / '%s') within margin %.3f", best.confidence(), other.confidence(),
                        describe(best.candidate()), describe(other.candidate()), settings.ambiguityMargin()));
            }
        }
        return new Selection(best, ranked, false, best.score().reason());
    }

    /**
     * Providers list one song several times (single, album, compilation, original and extended). Those
     * are not a real ambiguity: the same ISRC, or the same parsed song (artists, title, version), which is
     * what the track id identifies. The better-scored listing wins.
     */
    private static boolean sameSong(Candidate a, Parsed pa, Candidate b, Parsed pb) {
        String ia = a.id("isrc"), ib = b.id("isrc");
        if (ia != null && ia.equalsIgnoreCase(ib)) return true;
        return pa.id().allArtists().equals(pb.id().allArtists()) && pa.id().baseTitle().equals(pb.id().baseTitle())
                && pa.version().sameRecording(pb.version());
    }

    static String describe(Candidate c) {
        String v = c.version() == null || c.version().isBlank() ? "" : " [" + c.version() + "]";
        return (c.artist() != null ? c.artist() : String.join(", ", c.artists() == null ? List.of() : c.artists()))
                + " - " + c.title() + v;
    }

    private static double clamp(double d) { return Math.max(0.0, Math.min(1.0, d)); }

    /** Every artist credited on a candidate, normalised. */
    public static Set<String> artistsOf(Candidate c) { return identityOf(c).allArtists(); }
}
