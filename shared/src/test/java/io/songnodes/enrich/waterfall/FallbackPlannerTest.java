package io.songnodes.enrich.waterfall;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.scoring.CandidateBuilder;
import io.songnodes.enrich.scoring.CandidateScorer;
import io.songnodes.enrich.scoring.MatchTarget;
import io.songnodes.enrich.scoring.ScoringSettings;
import io.songnodes.enrich.scoring.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackPlannerTest {
    private static final CandidateScorer SCORER = new CandidateScorer(ScoringSettings.DEFAULTS);
    private static final List<String> JUSTICE = List.of("justice");
    private static final TrackQuery TITLE_SLIP = new TrackQuery("Justice", "Rnady", null, Map.of());
    private static final TrackQuery ARTIST_SLIP = new TrackQuery("Jsutice", "Randy", null, Map.of());

    private static Selection answer(TrackQuery q, Candidate... candidates) {
        return SCORER.select(MatchTarget.of(q.artist(), q.title()), List.of(candidates));
    }

    private static Candidate track(String id, String artist, String title) { return CandidateBuilder.of("spotify", id, title, artist).build(); }

    /** Ten of Justice's other tracks: a full Spotify page of the artist. */
    private static Candidate[] justicePage(int from) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < FallbackPlanner.SPOTIFY_PAGE; i++) out.add(track("j" + (from + i), "Justice", "Track Number " + (from + i)));
        return out.toArray(Candidate[]::new);
    }

    @Test
    void withoutALeadFieldedProvidersGetOneFreeTextSearchAndBeatportDiscogsAndLastfmNone() {
        List<ProviderName> all = List.of(ProviderName.LASTFM, ProviderName.BEATPORT, ProviderName.MUSICBRAINZ, ProviderName.DEEZER,
                ProviderName.SPOTIFY, ProviderName.DISCOGS);
        assertThat(FallbackPlanner.kinds(all, TITLE_SLIP)).containsExactly(FallbackPlanner.Kind.FREE_TEXT, FallbackPlanner.Kind.FREE_TEXT);
        FallbackPlanner.Fallback f = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, JUSTICE).next(ProviderName.SPOTIFY, TITLE_SLIP).orElseThrow();
        assertThat(f.query().artist()).isEmpty();
        assertThat(f.query().title()).isEqualTo("Justice Rnady");
    }

    @Test
    void aTrackNoCatalogHoldsCostsNothingOnceAFreeTextAnswerShowedNeitherSide() {
        TrackQuery unknown = new TrackQuery("Nobody Known", "Nothing Like It", null, Map.of());
        FallbackPlanner p = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, List.of("nobody known"));
        // Beatport's first search is free text: an answer with other songs only says no catalog holds the track
        p.observe(ProviderName.BEATPORT, unknown, null, answer(unknown, track("x", "Somebody", "Something Else")));
        p.observe(ProviderName.SPOTIFY, unknown, null, answer(unknown));
        for (ProviderName provider : ProviderName.values()) assertThat(p.next(provider, unknown)).as(provider.id()).isEmpty();
        assertThat(p.used()).isZero();

        // without Beatport, one fielded provider's free-text search finds that out
        FallbackPlanner q = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, List.of("nobody known"));
        q.observe(ProviderName.SPOTIFY, unknown, null, answer(unknown));
        FallbackPlanner.Fallback free = q.next(ProviderName.SPOTIFY, unknown).orElseThrow();
        assertThat(free.kind()).isEqualTo(FallbackPlanner.Kind.FREE_TEXT);
        q.observe(ProviderName.SPOTIFY, free.query(), free, answer(unknown));
        for (ProviderName provider : ProviderName.values()) assertThat(q.next(provider, unknown)).as(provider.id()).isEmpty();
        assertThat(q.used()).isEqualTo(1);
    }

    @Test
    void theArtistsOtherTracksMeanTheTitleSlippedAndSpotifyPagesThroughThem() {
        FallbackPlanner p = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, JUSTICE);
        p.observe(ProviderName.BEATPORT, TITLE_SLIP, null, answer(TITLE_SLIP, track("b1", "Justice", "Genesis")));
        p.observe(ProviderName.SPOTIFY, TITLE_SLIP, null, answer(TITLE_SLIP));
        FallbackPlanner.Fallback beatport = p.next(ProviderName.BEATPORT, TITLE_SLIP).orElseThrow();
        assertThat(beatport.kind()).isEqualTo(FallbackPlanner.Kind.ARTIST_ONLY);
        assertThat(beatport.query().title()).isEmpty();
        FallbackPlanner.Fallback spotify = p.next(ProviderName.SPOTIFY, TITLE_SLIP).orElseThrow();
        assertThat(spotify.kind()).isEqualTo(FallbackPlanner.Kind.ARTIST_ONLY);
        p.observe(ProviderName.BEATPORT, beatport.query(), beatport, answer(TITLE_SLIP, track("b1", "Justice", "Genesis")));
        p.observe(ProviderName.SPOTIFY, spotify.query(), spotify, answer(TITLE_SLIP, justicePage(0)));
        assertThat(p.next(ProviderName.BEATPORT, TITLE_SLIP)).as("Beatport lists an artist on one page").isEmpty();
        FallbackPlanner.Fallback page2 = p.next(ProviderName.SPOTIFY, TITLE_SLIP).orElseThrow();
        assertThat(page2.kind()).isEqualTo(FallbackPlanner.Kind.NEXT_PAGE);
        assertThat(page2.query().offset()).isEqualTo(10);
        assertThat(page2.query().artist()).isEqualTo("Justice");
        // a short page has nothing behind it; a full page of other artists' tracks is not worth paging through
        FallbackPlanner titleList = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, List.of("jsutice"));
        titleList.observe(ProviderName.BEATPORT, ARTIST_SLIP, null, answer(ARTIST_SLIP, track("b9", "Someone Else", "Randy")));
        FallbackPlanner.Fallback byTitle = titleList.next(ProviderName.SPOTIFY, ARTIST_SLIP).orElseThrow();
        List<Candidate> randys = new ArrayList<>();
        for (int i = 0; i < FallbackPlanner.SPOTIFY_PAGE; i++) randys.add(track("r" + i, "Artist " + i, "Randy"));
        titleList.observe(ProviderName.SPOTIFY, byTitle.query(), byTitle, answer(ARTIST_SLIP, randys.toArray(Candidate[]::new)));
        assertThat(titleList.next(ProviderName.SPOTIFY, ARTIST_SLIP)).isEmpty();
        p.observe(ProviderName.SPOTIFY, page2.query(), page2, answer(TITLE_SLIP, track("j10", "Justice", "Stress")));
        assertThat(p.next(ProviderName.SPOTIFY, TITLE_SLIP)).isEmpty();
        assertThat(p.used()).isEqualTo(3);
    }

    @Test
    void theTitleByOthersMeansTheArtistSlippedAndMusicBrainzAskedLaterSearchesFuzzilyAtNoExtraRequest() {
        FallbackPlanner p = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, List.of("jsutice"));
        p.observe(ProviderName.BEATPORT, ARTIST_SLIP, null, answer(ARTIST_SLIP, track("b9", "Someone Else", "Randy")));
        FallbackPlanner.Fallback deezer = p.next(ProviderName.DEEZER, ARTIST_SLIP).orElseThrow();
        assertThat(deezer.kind()).isEqualTo(FallbackPlanner.Kind.TITLE_ONLY);
        assertThat(deezer.query().artist()).isEmpty();
        assertThat(deezer.query().title()).isEqualTo("Randy");
        assertThat(p.fuzzyFirst(ProviderName.MUSICBRAINZ, ARTIST_SLIP)).as("MusicBrainz's first search, with a lead").isTrue();
        assertThat(p.next(ProviderName.MUSICBRAINZ, ARTIST_SLIP)).as("and nothing after it").isEmpty();
        assertThat(p.fuzzyFirst(ProviderName.SPOTIFY, ARTIST_SLIP)).as("only MusicBrainz's syntax has fuzzy terms").isFalse();
        assertThat(p.used()).isEqualTo(1);

        // asked before any lead was known (another waterfall order): one fuzzy fallback
        FallbackPlanner early = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, List.of("jsutice"));
        assertThat(early.fuzzyFirst(ProviderName.MUSICBRAINZ, ARTIST_SLIP)).isFalse();
        early.observe(ProviderName.MUSICBRAINZ, ARTIST_SLIP, null, answer(ARTIST_SLIP));
        early.observe(ProviderName.BEATPORT, ARTIST_SLIP, null, answer(ARTIST_SLIP, track("b9", "Someone Else", "Randy")));
        FallbackPlanner.Fallback mb = early.next(ProviderName.MUSICBRAINZ, ARTIST_SLIP).orElseThrow();
        assertThat(mb.kind()).isEqualTo(FallbackPlanner.Kind.FUZZY);
        assertThat(mb.query().fuzzy()).isTrue();
        assertThat(mb.query().artist()).isEqualTo("Jsutice");
        early.observe(ProviderName.MUSICBRAINZ, mb.query(), mb, answer(ARTIST_SLIP));
        assertThat(early.next(ProviderName.MUSICBRAINZ, ARTIST_SLIP)).isEmpty();
        assertThat(early.next(ProviderName.DISCOGS, ARTIST_SLIP)).as("Discogs' 60 a minute are kept").isEmpty();
    }

    @Test
    void theArtistCreditedOnlyThroughASlipMeansTheArtistSlippedToo() {
        FallbackPlanner p = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, List.of("jsutice"));
        p.observe(ProviderName.BEATPORT, ARTIST_SLIP, null, answer(ARTIST_SLIP, track("b3", "Justice", "Genesis")));
        assertThat(p.next(ProviderName.SPOTIFY, ARTIST_SLIP)).get().extracting(FallbackPlanner.Fallback::kind)
                .as("a word-exact artist search for 'Jsutice' would find nothing").isEqualTo(FallbackPlanner.Kind.TITLE_ONLY);
    }

    @Test
    void theBudgetBoundsEveryTrackAndALearnedSpellingIsTheOneFallbackLeftAfterAMatch() {
        FallbackPlanner p = new FallbackPlanner(2, JUSTICE);
        p.observe(ProviderName.BEATPORT, TITLE_SLIP, null, answer(TITLE_SLIP, track("b1", "Justice", "Genesis")));
        assertThat(p.next(ProviderName.SPOTIFY, TITLE_SLIP)).isPresent();
        assertThat(p.next(ProviderName.DEEZER, TITLE_SLIP)).isPresent();
        assertThat(p.next(ProviderName.BEATPORT, TITLE_SLIP)).as("budget spent").isEmpty();

        FallbackPlanner q = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, JUSTICE);
        q.matched();
        assertThat(q.next(ProviderName.SPOTIFY, TITLE_SLIP)).isEmpty();
        TrackQuery learned = new TrackQuery("Justice", "Randy", null, Map.of());
        assertThat(q.respell(ProviderName.SPOTIFY, learned)).get().extracting(FallbackPlanner.Fallback::kind)
                .isEqualTo(FallbackPlanner.Kind.LEARNED_SPELLING);
        assertThat(q.respell(ProviderName.SPOTIFY, learned)).as("once a provider").isEmpty();
        assertThat(q.respell(ProviderName.DEEZER, learned)).isPresent();
        assertThat(q.used()).isEqualTo(2);
    }

    @Test
    void noneAfterAnExactIdLookup() {
        FallbackPlanner p = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK, JUSTICE);
        assertThat(p.next(ProviderName.SPOTIFY, new TrackQuery("A", "T", null, Map.of("isrc", "X")))).isEmpty();
        assertThat(p.used()).isZero();
    }
}
