package io.songnodes.enrich.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.Candidate;
import io.songnodes.identity.TrackIdentity;
import io.songnodes.identity.TrackIds;
import io.songnodes.model.BronzeRecord;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.testing.TracklistFixtures.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CandidateScorerTest {
    /** The lowest min_confidence the shipped config uses (genre). */
    private static final double SANE_MIN = 0.6;
    private final CandidateScorer scorer = new CandidateScorer(ScoringSettings.DEFAULTS);

    private double score(String artist, String title, Candidate c) {
        return scorer.score(MatchTarget.of(artist, title), c).confidence();
    }

    /** A candidate as Spotify lists a fixture row: artists split, the version after " - ". */
    private static Candidate spotifyLike(Row r) {
        String title = r.bronze().title().replaceAll("(?i)\\s*\\(([^()]*\\b(?:mix|edit|remix|mashup|mash up|bootleg|acappella)\\b[^()]*)\\)\\s*$", " - $1");
        String[] artists = r.bronze().artist().split("\\s+(?:&|ft\\.|feat\\.|vs\\.)\\s+|,\\s*");
        return CandidateBuilder.of("spotify", r.spotifyId() == null ? "sp-" + r.bronze().sourceTrackId() : r.spotifyId(), title, artists)
                .duration(r.durationMs()).build();
    }

    private static String trackId(BronzeRecord b) { return TrackIds.trackId(TrackIdentity.parse(b.artist(), b.title())); }

    @Test
    void everyRealRowMatchesItselfAsAProviderListsIt() {
        for (Row r : TracklistFixtures.all1001()) {
            double s = score(r.bronze().artist(), r.bronze().title(), spotifyLike(r));
            assertThat(s).as(r.bronze().artist() + " - " + r.bronze().title()).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void noRealRowMatchesAnotherSongOfTheFixtures() {
        List<Row> rows = TracklistFixtures.all1001();
        int pairs = 0;
        for (Row a : rows) {
            for (Row b : rows) {
                if (trackId(a.bronze()).equals(trackId(b.bronze()))) continue;
                pairs++;
                double s = score(a.bronze().artist(), a.bronze().title(), spotifyLike(b));
                assertThat(s).as(a.bronze().artist() + " - " + a.bronze().title() + "  vs  " + b.bronze().artist() + " - " + b.bronze().title())
                        .isLessThan(SANE_MIN);
            }
        }
        assertThat(pairs).isGreaterThan(5_000);
    }

    @Test
    void aMashupNeverMatchesItsPartsAndNoPartMatchesItsMashup() {
        List<Row> rows = TracklistFixtures.all1001();
        int checked = 0, blends = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row mashup = rows.get(i);
            if (!mashup.mashup()) continue;
            for (int j = i + 1; j < rows.size() && rows.get(j).mashupPart(); j++) {
                Row part = rows.get(j);
                // rows whose text says blend (mashup, bootleg, "A vs. B") hit the blend cap; the one the site flags without
                // saying so ("Milk, Myself And I (Hardwell In The House Edit)") still scores far below any threshold
                boolean saysBlend = MatchTarget.of(mashup.bronze().artist(), mashup.bronze().title()).version().blend();
                double cap = saysBlend ? CandidateScorer.BLEND_MISMATCH : 0.2;
                assertThat(score(mashup.bronze().artist(), mashup.bronze().title(), spotifyLike(part)))
                        .as("mashup %s vs part %s", mashup.bronze().title(), part.bronze().title()).isLessThanOrEqualTo(cap);
                assertThat(score(part.bronze().artist(), part.bronze().title(), spotifyLike(mashup)))
                        .as("part %s vs mashup %s", part.bronze().title(), mashup.bronze().title()).isLessThanOrEqualTo(cap);
                if (saysBlend) blends++;
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(25);
        assertThat(blends).isGreaterThanOrEqualTo(checked - 2);
    }

    @Test
    void cosmicGateThirdContactRemixIsNotTheThirdContactMashUp() {
        // cosmic_gate_example.csv row 09 and its part
        Candidate remix = CandidateBuilder.of("beatport", "7758195", "Exploration Of Space", "Cosmic Gate")
                .version("Cosmic Gate Third Contact Remix").duration(189545).build();
        Candidate mashup = CandidateBuilder.of("spotify", "m1", "Exploration Of Outer Space - Cosmic Gate Third Contact Mash Up",
                "Cosmic Gate", "The Prodigy").build();
        assertThat(score("Cosmic Gate vs. Prodigy", "Exploration Of Outer Space (Cosmic Gate Third Contact Mash Up)", remix)).isLessThan(0.1);
        assertThat(score("Cosmic Gate", "Exploration Of Space (Cosmic Gate Third Contact Remix)", mashup)).isLessThan(0.1);
        assertThat(score("Cosmic Gate", "Exploration Of Space (Cosmic Gate Third Contact Remix)", remix)).isGreaterThan(0.95);
        assertThat(score("Cosmic Gate vs. Prodigy", "Exploration Of Outer Space (Cosmic Gate Third Contact Mash Up)", mashup)).isGreaterThan(0.95);
    }

    @Test
    void aRemixIsADifferentRecordingAndTheRemixerMustMatch() {
        // hardwell_example.csv row 14 and its w/ row
        Candidate original = CandidateBuilder.of("beatport", "8243104", "No Holding Back", "Hardwell", "Craig David").version("Original Mix").build();
        Candidate henryFong = CandidateBuilder.of("beatport", "8243105", "No Holding Back", "Hardwell", "Craig David").version("Henry Fong Remix").build();
        assertThat(score("Hardwell ft. Craig David", "No Holding Back", original)).isGreaterThan(0.95);
        assertThat(score("Hardwell ft. Craig David", "No Holding Back", henryFong)).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        assertThat(score("Hardwell ft. Craig David", "No Holding Back (Henry Fong Remix)", original)).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        assertThat(score("Hardwell ft. Craig David", "No Holding Back (Henry Fong Remix)", henryFong)).isGreaterThan(0.95);
        // "Extended Remix" of the same remixer is the same remix
        Candidate henryFongExtended = CandidateBuilder.of("beatport", "x", "No Holding Back", "Hardwell", "Craig David").version("Henry Fong Extended Remix").build();
        assertThat(score("Hardwell ft. Craig David", "No Holding Back (Henry Fong Remix)", henryFongExtended)).isGreaterThan(0.95);

        // justice_example.csv row 12 and its w/ row, as Spotify writes them
        Candidate randy = CandidateBuilder.of("spotify", "5cOKKOFgMhjZaOT5qvnagi", "Randy", "Justice").duration(398194).build();
        Candidate boysNoize = CandidateBuilder.of("spotify", "3vkXW8i5axh0833qT0YuFA", "Randy - Boys Noize Remix", "Justice").duration(370134).build();
        assertThat(score("Justice", "Randy", boysNoize)).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        assertThat(score("Justice", "Randy (Boys Noize Remix)", randy)).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        assertThat(score("Justice", "Randy (Boys Noize Remix)", boysNoize)).isGreaterThan(0.95);

        // MixesDB plays two remixes of one Beroshima track: remixers differ
        Candidate dettmann = CandidateBuilder.of("discogs", "d1", "Interplugreaction", "Beroshima").version("Marcel Dettmann Remix").build();
        assertThat(score("Beroshima", "Interplugreaction (Rødhåd Remix) [Dystopian - 028.2]", dettmann)).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        assertThat(score("Beroshima", "Interplugreaction (Marcel Dettmann Remix) [Dystopian]", dettmann)).isGreaterThan(0.95);
    }

    @Test
    void extendedAndOriginalMixAreTheSameRecordingButEditsVipsAndAcappellasAreNot() {
        String artist = "Cosmic Gate & Forêt";
        Candidate extended = CandidateBuilder.of("beatport", "11557238", "Need To Feel Loved", "Cosmic Gate", "Forêt").version("Extended Mix").build();
        assertThat(score(artist, "Need To Feel Loved", extended)).isGreaterThan(0.95);
        assertThat(score(artist, "Need To Feel Loved (Original Mix)", extended)).isGreaterThan(0.95);
        assertThat(score(artist, "Need To Feel Loved (Extended Mix)", extended)).isGreaterThan(0.95);
        for (String other : List.of("Radio Edit", "Club Mix", "VIP", "VIP Mix", "Bootleg", "Acappella", "Instrumental Mix", "Dub Mix", "Someone Remix")) {
            Candidate c = CandidateBuilder.of("beatport", "v", "Need To Feel Loved", "Cosmic Gate", "Forêt").version(other).build();
            assertThat(score(artist, "Need To Feel Loved", c)).as(other).isLessThan(SANE_MIN).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
            assertThat(score(artist, "Need To Feel Loved (Extended Mix)", c)).as(other).isLessThan(SANE_MIN);
        }
        // hardwell_example.csv row 18: "Wake Up Call" vs the radio edit, as Spotify spells it
        Candidate radio = CandidateBuilder.of("spotify", "r", "Wake Up Call - Radio Edit", "Hardwell").build();
        assertThat(score("Hardwell", "Wake Up Call", radio)).isLessThan(SANE_MIN);
        // a remaster is the same recording
        Candidate remaster = CandidateBuilder.of("spotify", "p", "Out Of Space - 2009 Remaster", "The Prodigy").build();
        assertThat(score("The Prodigy", "Out Of Space", remaster)).isGreaterThan(0.95);
    }

    @Test
    void aWithBlendIsNotEitherOfItsSongs() {
        Candidate jumper = CandidateBuilder.of("spotify", "j", "Jumper", "Hardwell", "W&W").build();
        assertThat(score("Hardwell & W&W", "Jumper w/ Wake Up Call", jumper)).isLessThanOrEqualTo(CandidateScorer.BLEND_MISMATCH);
        Candidate blend = CandidateBuilder.of("spotify", "b", "Jumper w/ Wake Up Call", "Hardwell", "W&W").build();
        assertThat(score("Hardwell & W&W", "Jumper", blend)).isLessThanOrEqualTo(CandidateScorer.BLEND_MISMATCH);
    }

    @Test
    void normalisationFoldsCaseDiacriticsPunctuationFeaturingTheAndLabels() {
        // diacritics: Forêt / Foret, and & / and, in any artist order
        Candidate foret = CandidateBuilder.of("spotify", "3dxpmxWvJQyOpZY7lTP7r6", "Need To Feel Loved - Extended Mix", "Foret", "Cosmic Gate").build();
        assertThat(score("Cosmic Gate & Forêt", "Need To Feel Loved (Extended Mix)", foret)).isGreaterThan(0.95);
        assertThat(score("Cosmic Gate and Forêt", "NEED TO FEEL LOVED", foret)).isGreaterThan(0.95);
        // feat. written in the title, in the artist, or left out by the provider
        Candidate ft = CandidateBuilder.of("spotify", "5MPGuEFEoYdzi6NAyqe0OC", "No Holding Back (feat. Craig David)", "Hardwell").build();
        assertThat(score("Hardwell ft. Craig David", "No Holding Back", ft)).isGreaterThan(0.95);
        assertThat(score("Hardwell", "No Holding Back featuring Craig David", ft)).isGreaterThan(0.95);
        Candidate withoutFeat = CandidateBuilder.of("beatport", "8243104", "No Holding Back", "Hardwell").build();
        assertThat(score("Hardwell ft. Craig David", "No Holding Back", withoutFeat)).isGreaterThan(0.9);
        // leading The, punctuation
        Candidate prodigy = CandidateBuilder.of("spotify", "3CL3PBAaY6l0ZuQ3EDw4cl", "Out of Space", "Prodigy").build();
        assertThat(score("The Prodigy", "Out Of Space", prodigy)).isGreaterThan(0.95);
        Candidate dance = CandidateBuilder.of("spotify", "0MYTcPXAAmeKBUpBgtAV0J", "D.A.N.C.E.", "Justice").build();
        assertThat(score("Justice", "DANCE", dance)).isGreaterThan(0.95);
        // MixesDB label suffix
        Candidate candle = CandidateBuilder.of("discogs", "1", "A Candle", "Son.Sine").build();
        assertThat(score("Son.Sine", "A Candle [Delsin - dsr-c2]", candle)).isGreaterThan(0.95);
        // hardwell_example.csv: "pres." credits are two artists
        Candidate biz = CandidateBuilder.of("spotify", "5JZnjM9ijpit0d5zjT8MM7", "Satisfaction", "Benny Benassi", "The Biz").build();
        assertThat(score("Benny Benassi pres. The Biz", "Satisfaction", biz)).isGreaterThan(0.95);
        // a different artist with the same title is not the song
        Candidate otherArtist = CandidateBuilder.of("spotify", "o", "Randy", "Randy Newman").build();
        assertThat(score("Justice", "Randy", otherArtist)).isLessThan(0.1);
    }

    @Test
    void everyIdentifiedMixesDbRowMatchesItsDiscogsStyleEntry() {
        int n = 0;
        for (BronzeRecord r : TracklistFixtures.loadMixesDb()) {
            TrackIdentity id = TrackIdentity.parse(r.artist(), r.title());
            if (TrackIds.isUnidentified(r.artist(), r.title(), id)) continue;
            String bare = r.title().replaceAll("\\s*\\[[^\\[\\]]*\\]+\\s*$", "");
            Candidate c = CandidateBuilder.of("discogs", "d" + n, bare, r.artist().split(" & ")).build();
            assertThat(score(r.artist(), r.title(), c)).as(r.artist() + " - " + r.title()).isGreaterThan(0.9);
            n++;
        }
        assertThat(n).isEqualTo(165 - 21);
    }

    @Test
    void durationCountsWhenBothAreKnown() {
        MatchTarget target = MatchTarget.of("Cosmic Gate", "Come With Me").withDuration(545_377);
        Candidate near = CandidateBuilder.of("spotify", "a", "Come With Me", "Cosmic Gate").duration(541_000).build();
        Candidate far = CandidateBuilder.of("spotify", "b", "Come With Me", "Cosmic Gate").duration(215_000).build();
        Candidate unknown = CandidateBuilder.of("spotify", "c", "Come With Me", "Cosmic Gate").build();
        assertThat(scorer.score(target, near).duration()).isEqualTo(1.0);
        assertThat(scorer.score(target, unknown).duration()).isEqualTo(1.0);
        assertThat(scorer.score(target, far).duration()).isEqualTo(0.5);
        assertThat(scorer.score(target, far).confidence()).isLessThan(SANE_MIN);
        MatchTarget loose = MatchTarget.of("Cosmic Gate", "Come With Me").withDuration(545_377);
        CandidateScorer lenient = new CandidateScorer(new ScoringSettings(0.05, Duration.ofMinutes(6), 0.85));
        assertThat(lenient.score(loose, far).duration()).isEqualTo(1.0);
    }

    @Test
    void noWinnerWhenTheTopTwoDifferentSongsAreWithinTheMargin() {
        // cosmic_gate_example.csv row 06 as a tracklist might write it, without the featured singer:
        // two different songs of that title each add one artist, and score the same
        MatchTarget target = MatchTarget.of("Cosmic Gate", "Fall Into You");
        Candidate jes = CandidateBuilder.of("spotify", "1RDEORIdkRxuMb4MedxAQy", "Fall Into You", "Cosmic Gate", "JES").isrc("NLF711400001").build();
        Candidate other = CandidateBuilder.of("spotify", "2", "Fall Into You", "Cosmic Gate", "Emma Hewitt").isrc("NLF711400002").build();
        Selection s = scorer.select(target, List.of(jes, other));
        assertThat(s.ranked().get(0).confidence()).isGreaterThan(0.9);
        assertThat(s.hasWinner()).isFalse();
        assertThat(s.ambiguous()).isTrue();
        assertThat(s.ranked()).hasSize(2);
        assertThat(s.reason()).startsWith("ambiguous");
        // naming the singer settles it
        assertThat(scorer.select(MatchTarget.of("Cosmic Gate & JES", "Fall Into You"), List.of(other, jes)).winner().candidate()).isEqualTo(jes);
        // a zero margin only refuses exact ties
        CandidateScorer noMargin = new CandidateScorer(new ScoringSettings(0.0, Duration.ofSeconds(10), 0.85));
        assertThat(noMargin.select(target, List.of(jes, other)).hasWinner()).isTrue();
        assertThat(scorer.select(target, List.of()).hasWinner()).isFalse();
    }

    @Test
    void oneSongListedSeveralTimesIsNotAmbiguousAndTheLiteralVersionWins() {
        // Spotify lists the single and the extended mix of one song; the bronze row says which
        Candidate single = CandidateBuilder.of("spotify", "s", "Need To Feel Loved", "Cosmic Gate", "Foret").isrc("NLF711900001").duration(215_000).build();
        Candidate extended = CandidateBuilder.of("spotify", "e", "Need To Feel Loved - Extended Mix", "Cosmic Gate", "Foret").isrc("NLF711900002").duration(411_564).build();
        Candidate album = CandidateBuilder.of("spotify", "a", "Need To Feel Loved", "Cosmic Gate", "Foret").isrc("NLF711900001").duration(215_000).build();
        assertThat(scorer.select(MatchTarget.of("Cosmic Gate & Forêt", "Need To Feel Loved (Extended Mix)"), List.of(single, extended)).winner().candidate())
                .isEqualTo(extended);
        assertThat(scorer.select(MatchTarget.of("Cosmic Gate & Forêt", "Need To Feel Loved"), List.of(extended, single)).winner().candidate())
                .isEqualTo(single);
        // equal scores keep the provider's order
        assertThat(scorer.select(MatchTarget.of("Cosmic Gate & Forêt", "Need To Feel Loved"), List.of(album, single, extended)).winner().candidate())
                .isEqualTo(album);

        // a clear gap picks the best, whatever the provider's order
        Candidate remix = CandidateBuilder.of("spotify", "r", "Need To Feel Loved - Someone Remix", "Cosmic Gate", "Foret").build();
        Selection clear = scorer.select(MatchTarget.of("Cosmic Gate & Forêt", "Need To Feel Loved"), List.of(remix, single));
        assertThat(clear.winner().candidate()).isEqualTo(single);
        assertThat(clear.ranked().get(1).candidate()).isEqualTo(remix);
        assertThat(clear.ambiguous()).isFalse();
    }

    @Test
    void aKnownIdLiftsAFairMatchButNeverAnotherVersion() {
        MatchTarget target = MatchTarget.of("Hardwell ft. Craig David", "No Holding Back")
                .withKnownIds(Map.of("isrc", "NLZ541600123"));
        Candidate sameIsrcOddSpelling = CandidateBuilder.of("deezer", "9", "No Holdin' Back", "Hardwell").isrc("nlz541600123").build();
        Candidate sameIsrcRemix = CandidateBuilder.of("deezer", "10", "No Holding Back", "Hardwell").version("Henry Fong Remix").isrc("NLZ541600123").build();
        Candidate unrelated = CandidateBuilder.of("deezer", "11", "Something Else", "Other Artist").isrc("NLZ541600123").build();
        MatchScore lifted = scorer.score(target, sameIsrcOddSpelling);
        assertThat(lifted.idMatch()).isTrue();
        assertThat(lifted.confidence()).isGreaterThanOrEqualTo(CandidateScorer.ID_MATCH);
        assertThat(scorer.score(target, sameIsrcRemix).confidence()).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        assertThat(scorer.score(target, unrelated).confidence()).isLessThan(0.1);
    }

    @Test
    void scoresExplainThemselves() {
        MatchScore s = scorer.score(MatchTarget.of("Justice", "Randy"),
                CandidateBuilder.of("spotify", "x", "Randy - Boys Noize Remix", "Justice").build());
        assertThat(s.reason()).contains("version differs").contains("boys noize remix");
        assertThat(s.title()).isEqualTo(1.0);
        assertThat(s.artist()).isEqualTo(1.0);
        List<String> reasons = new ArrayList<>();
        for (Row r : TracklistFixtures.all1001()) reasons.add(scorer.score(MatchTarget.of(r.bronze().artist(), r.bronze().title()), spotifyLike(r)).reason());
        assertThat(reasons).allMatch(x -> x.equals("match"));
    }
}
