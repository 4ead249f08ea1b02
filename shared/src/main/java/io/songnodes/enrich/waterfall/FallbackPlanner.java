package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.scoring.ScoredCandidate;
import io.songnodes.enrich.scoring.Selection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The extra search a track may make when a provider's search found no confident candidate, as happens
 * when a word of the artist or title carries a typing slip and the provider's search is word-exact. One
 * per provider, at most {@code scoring.fallback_searches} per track, and none once the track has a confident match
 * (its spelling is then taken from that match instead, see {@link Kind#LEARNED_SPELLING}). One instance per
 * track run; not thread-safe.
 *
 * <ul>
 *   <li>{@link Kind#FREE_TEXT}: artist and title as one unfielded search, which matches either side alone;
 *       for providers whose first search is fielded.</li>
 *   <li>{@link Kind#ARTIST_ONLY} / {@link Kind#TITLE_ONLY}: for Beatport, whose first search is already free
 *       text: its answer shows which side was found (the artist's other tracks, or the title by others),
 *       so the other side is the one to drop.</li>
 * </ul>
 * {@link Kind#LEARNED_SPELLING}: once a match needed a slip or a fallback, a provider that was asked in the same
 * wave with the slipped spelling (and has no confident match) is asked again with the match's spelling; the
 * only fallback a track with a match still gets.
 * Last.fm has no search (track.getInfo needs both), MusicBrainz's one request a second is too scarce to spend on
 * tracks that may be in no catalog (a fuzzy Lucene query would suit it; the simulator's search is word-exact), an
 * exact id lookup is never followed by a fallback, and
 * the waterfall asks none for a mashup.
 */
public final class FallbackPlanner {
    /** The budget the evaluation measures with (the shipped config sets none: see {@code scoring.fallback_searches}). */
    public static final int MAX_PER_TRACK = 4;
    /** A title at least this close was found spelled right (or with a slip the scorer took). */
    private static final double SIDE_FOUND = 0.85;

    /** The kind of fallback search; {@link #label()} is its metric label. */
    public enum Kind {
        FREE_TEXT, ARTIST_ONLY, TITLE_ONLY, LEARNED_SPELLING;

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /** One planned search. */
    public record Fallback(Kind kind, TrackQuery query) {}

    private final int budget;
    private int used;
    private boolean matched;

    /** A planner allowing {@code budget} extra searches for the track. */
    public FallbackPlanner(int budget) { this.budget = budget; }

    /** The track has a confident match: no more fallbacks. */
    public void matched() { matched = true; }

    public boolean hasMatched() { return matched; }

    /** Fallback searches made so far. */
    public int used() { return used; }

    /**
     * The fallback for {@code provider} after its search {@code primary} gave {@code first}, or empty; a
     * returned fallback is counted against the track's budget.
     */
    public Optional<Fallback> next(ProviderName provider, TrackQuery primary, Selection first) {
        if (matched || used >= budget || provider == ProviderName.LASTFM || provider == ProviderName.MUSICBRAINZ) return Optional.empty();
        if (primary.knownIds() != null && !primary.knownIds().isEmpty()) return Optional.empty();
        if (blank(primary.artist()) || blank(primary.title())) return Optional.empty();
        Fallback f;
        if (provider == ProviderName.BEATPORT) {
            // its free text pads a miss with the artist's other tracks: then the title carries the slip
            boolean artistFound = first != null && first.ranked().stream().map(ScoredCandidate::score)
                    .anyMatch(s -> s.artist() > 0 && s.title() < SIDE_FOUND);
            f = artistFound ? new Fallback(Kind.ARTIST_ONLY, query(primary.artist(), "", primary))
                    : new Fallback(Kind.TITLE_ONLY, query("", primary.title(), primary));
        } else {
            f = new Fallback(Kind.FREE_TEXT, query("", primary.artist().trim() + " " + primary.title().trim(), primary));
        }
        used++;
        return Optional.of(f);
    }

    /** A search with the spelling a match taught, for a provider asked with the slipped one; counted against the budget. */
    public Optional<Fallback> respell(TrackQuery learned) {
        if (used >= budget || blank(learned.artist()) || blank(learned.title())) return Optional.empty();
        used++;
        return Optional.of(new Fallback(Kind.LEARNED_SPELLING, learned));
    }

    private static TrackQuery query(String artist, String title, TrackQuery primary) {
        return new TrackQuery(artist, title, primary.durationMs(), Map.of());
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /** For tests: the kinds in the order a fresh planner would hand them to these providers, each after an empty first answer. */
    static List<Kind> kinds(List<ProviderName> providers, TrackQuery primary) {
        FallbackPlanner p = new FallbackPlanner(MAX_PER_TRACK);
        return providers.stream().map(x -> p.next(x, primary, null)).flatMap(Optional::stream).map(Fallback::kind).toList();
    }
}
