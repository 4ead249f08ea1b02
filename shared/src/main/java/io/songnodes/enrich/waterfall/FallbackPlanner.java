package io.songnodes.enrich.waterfall;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.scoring.CandidateScorer;
import io.songnodes.enrich.scoring.ScoredCandidate;
import io.songnodes.enrich.scoring.Selection;
import io.songnodes.enrich.scoring.Similarity;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The extra searches a track may make when a provider's search found no confident candidate, as happens when a
 * word of the artist or title carries a typing slip and the provider's search is word-exact. At most
 * {@code scoring.fallback_searches} per track, none once the track has a confident match (its spelling is then
 * taken from that match instead, see {@link Kind#LEARNED_SPELLING}), and none for a track the catalogs do not hold.
 * One instance per track run; not thread-safe.
 *
 * <p>What the answers so far show decides the search: a candidate crediting the track's artist as written (the
 * artist's other tracks) means the artist is spelled right and the title slipped, so the next search lists the
 * artist's tracks ({@link Kind#ARTIST_ONLY}) for the scorer's local title match; a candidate with the track's title
 * as written, or crediting the artist only through a slip, means the artist slipped ({@link Kind#TITLE_ONLY}).
 * Without such a lead, the first free-text answer decides: Beatport's first search is free text already, and when no
 * provider has answered one yet, a provider whose search is fielded makes one ({@link Kind#FREE_TEXT}), which finds
 * either side alone. A free-text answer that shows neither side means no catalog holds the track (an unreleased ID,
 * a bootleg): it gets no fallback, so it costs nothing where Beatport answered. A provider whose own fallback shows
 * nothing of the track gets no more. Spotify answers at most 10 hits a page, so a full page of the artist's tracks
 * is followed by the next page ({@link Kind#NEXT_PAGE}, at most {@value #MAX_PAGES}). MusicBrainz, at one request a
 * second, gets no extra search: asked while the track has a lead and no match (it comes last in the shipped
 * waterfall), its one search is a Lucene query with fuzzy words ({@link #fuzzyFirst}); asked before any lead, one
 * fuzzy fallback ({@link Kind#FUZZY}). Discogs
 * (60 a minute) gets none, nor Last.fm (no search), nor an exact id lookup, nor (in the waterfall) a mashup.
 */
public final class FallbackPlanner {
    /** The shipped budget ({@code scoring.fallback_searches}). */
    public static final int MAX_PER_TRACK = 4;
    /** Later pages one provider may ask for. */
    static final int MAX_PAGES = 2;
    /** Hits on a Spotify page (its development-mode maximum): a page this full may have more behind it. */
    static final int SPOTIFY_PAGE = 10;
    /** A title at least this close was found spelled right (or with a slip the scorer took). */
    private static final double SIDE_FOUND = 0.85;
    /** A title at least this close is spelled as written (equal, or only spaced differently). */
    private static final double LITERAL_TITLE = 0.98;

    /** The kind of fallback search; {@link #label()} is its metric label. */
    public enum Kind {
        FREE_TEXT, ARTIST_ONLY, TITLE_ONLY, NEXT_PAGE, FUZZY, LEARNED_SPELLING;

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /** One planned search. */
    public record Fallback(Kind kind, TrackQuery query) {}

    /** What one provider has been asked and what it showed. */
    private static final class State {
        Fallback last;
        int pages;
        boolean done;
        boolean respelled;
    }

    private final int budget;
    private final Collection<String> artists;
    private final Map<ProviderName, State> states = new EnumMap<>(ProviderName.class);
    private int used;
    private boolean matched;
    /** Some answer credited the track's artist as written / only through a slip; the same for its title. */
    private boolean artistLiteral, artistSlipped, titleLiteral, titleSlipped;
    /** Some free-text search has answered: without a lead, the catalogs do not hold the track. */
    private boolean freeTextAnswered;

    /** A planner allowing {@code budget} extra searches for a track credited to {@code artists} (normalised, all of them). */
    public FallbackPlanner(int budget, Collection<String> artists) {
        this.budget = budget;
        this.artists = List.copyOf(artists);
    }

    /** The track has a confident match: no more fallbacks but {@link #respell}. */
    public void matched() { matched = true; }

    public boolean hasMatched() { return matched; }

    /** Fallback searches made so far. */
    public int used() { return used; }

    /**
     * Takes in {@code provider}'s answer to its first search {@code query} ({@code fallback} null) or to a fallback;
     * {@code answer} null when the search failed.
     */
    public void observe(ProviderName provider, TrackQuery query, Fallback fallback, Selection answer) {
        State st = state(provider);
        boolean lead = false;
        boolean artistListed = false;
        if (answer != null) {
            for (ScoredCandidate c : answer.ranked()) {
                boolean artist = c.score().artist() > 0, title = c.score().title() >= SIDE_FOUND;
                if (artist) {
                    boolean slip = Similarity.artistSlipped(artists, CandidateScorer.artistsOf(c.candidate()));
                    artistLiteral |= !slip;
                    artistSlipped |= slip;
                    artistListed |= !slip;
                }
                if (title) {
                    boolean slip = c.score().title() < LITERAL_TITLE;
                    titleLiteral |= !slip;
                    titleSlipped |= slip;
                }
                lead |= artist || title;
            }
        }
        boolean freeText = fallback != null || provider == ProviderName.BEATPORT && textSearch(query);
        freeTextAnswered |= freeText && answer != null;
        // a free-text answer without a trace of the track: this provider does not hold it
        if (answer == null || freeText && !lead) st.done = true;
        if (fallback != null && fallback.kind() != Kind.NEXT_PAGE) st.pages = 0;
        // only the artist's own list is worth paging through: nothing is behind a short page
        if (fallback != null && !(fullPage(provider, answer) && artistListed)) st.pages = MAX_PAGES;
    }

    /**
     * True when {@code provider}'s first search for the track should be its fuzzy one instead of the word-exact one:
     * MusicBrainz, asked while no search has matched and the answers show a lead (a fuzzy term matches the exact word
     * too, so nothing is lost). It costs no extra request, so it spends no budget; MusicBrainz then gets no fallback.
     */
    public boolean fuzzyFirst(ProviderName provider, TrackQuery query) {
        State st = state(provider);
        if (provider != ProviderName.MUSICBRAINZ || matched || budget == 0 || st.last != null || !textSearch(query)) return false;
        if (!(artistLiteral || artistSlipped || titleLiteral || titleSlipped)) return false;
        st.last = new Fallback(Kind.FUZZY, query.asFuzzy());
        return true;
    }

    /** The fallback for {@code provider}, whose searches so far ({@code primary} first) found no confident match; counted. */
    public Optional<Fallback> next(ProviderName provider, TrackQuery primary) {
        if (matched || used >= budget || !textSearch(primary)) return Optional.empty();
        if (provider == ProviderName.LASTFM || provider == ProviderName.DISCOGS) return Optional.empty();
        State st = state(provider);
        if (st.done) return Optional.empty();
        Fallback f = st.last == null ? first(provider, primary) : after(provider, st);
        if (f == null) {
            st.done = true;
            return Optional.empty();
        }
        if (f.kind() == Kind.NEXT_PAGE) st.pages++;
        st.last = f;
        used++;
        return Optional.of(f);
    }

    /**
     * A word-exact engine finds the side that is spelled as the catalog spells it: the artist when some answer credits
     * it as written (or the title was seen only through a slip), else the title.
     */
    private Fallback first(ProviderName provider, TrackQuery primary) {
        boolean lead = artistLiteral || artistSlipped || titleLiteral || titleSlipped;
        // a free-text search showed neither the artist nor the title anywhere: a track no catalog holds costs nothing
        if (!lead && freeTextAnswered) return null;
        if (provider == ProviderName.MUSICBRAINZ) return lead ? new Fallback(Kind.FUZZY, primary.asFuzzy()) : null;
        if (artistLiteral) return new Fallback(Kind.ARTIST_ONLY, query(primary.artist(), "", primary));
        if (titleLiteral || artistSlipped) return new Fallback(Kind.TITLE_ONLY, query("", primary.title(), primary));
        if (titleSlipped) return new Fallback(Kind.ARTIST_ONLY, query(primary.artist(), "", primary));
        // Beatport's first search was free text already
        if (provider == ProviderName.BEATPORT) return null;
        return new Fallback(Kind.FREE_TEXT, query("", primary.artist().trim() + " " + primary.title().trim(), primary));
    }

    private static Fallback after(ProviderName provider, State st) {
        if (provider != ProviderName.SPOTIFY || st.last.kind() == Kind.LEARNED_SPELLING || st.pages >= MAX_PAGES) return null;
        TrackQuery q = st.last.query();
        return new Fallback(Kind.NEXT_PAGE, q.atOffset(q.offset() + SPOTIFY_PAGE));
    }

    private static boolean fullPage(ProviderName provider, Selection answer) {
        return provider == ProviderName.SPOTIFY && answer != null && answer.ranked().size() >= SPOTIFY_PAGE;
    }

    /**
     * A search with the spelling a match taught ({@code learned}), for a provider asked with the slipped one; once a
     * provider, counted against the budget.
     */
    public Optional<Fallback> respell(ProviderName provider, TrackQuery learned) {
        State st = state(provider);
        if (used >= budget || st.respelled || blank(learned.artist()) || blank(learned.title())) return Optional.empty();
        st.respelled = true;
        st.last = new Fallback(Kind.LEARNED_SPELLING, learned);
        used++;
        return Optional.of(st.last);
    }

    private State state(ProviderName p) { return states.computeIfAbsent(p, k -> new State()); }

    /** A text search of both artist and title, not an exact id lookup. */
    private static boolean textSearch(TrackQuery q) {
        return (q.knownIds() == null || q.knownIds().isEmpty()) && !blank(q.artist()) && !blank(q.title());
    }

    private static TrackQuery query(String artist, String title, TrackQuery primary) {
        return new TrackQuery(artist, title, primary.durationMs(), Map.of());
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /** For tests: the kinds a fresh planner hands these providers, each after an empty first answer. */
    static List<Kind> kinds(List<ProviderName> providers, TrackQuery primary) {
        FallbackPlanner p = new FallbackPlanner(MAX_PER_TRACK, List.of());
        return providers.stream().map(x -> p.next(x, primary)).flatMap(Optional::stream).map(Fallback::kind).toList();
    }
}
