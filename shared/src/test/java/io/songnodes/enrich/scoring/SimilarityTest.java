package io.songnodes.enrich.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.Candidate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One typing slip is tolerated, in one word long enough to tell; nothing more is. */
class SimilarityTest {
    private final CandidateScorer scorer = new CandidateScorer(ScoringSettings.DEFAULTS);

    @Test
    void oneSlipInOneLongEnoughWordIsRecognised() {
        assertThat(Similarity.oneSlip("hardwell", "hardwlel")).as("transposed").isTrue();
        assertThat(Similarity.oneSlip("spaceman", "spacman")).as("dropped").isTrue();
        assertThat(Similarity.oneSlip("canon", "cannon")).as("doubled").isTrue();
        assertThat(Similarity.oneSlip("justice", "jsutice")).as("transposed at the start").isTrue();
        assertThat(Similarity.oneSlip("nazareth", "nazareht")).as("transposed at the end").isTrue();
        assertThat(Similarity.oneSlip("stop", "sotp")).as("four letters transposed").isTrue();
        assertThat(Similarity.oneSlip("genesis", "genisis")).as("a replaced letter in a long word").isTrue();
    }

    @Test
    void aTitlesThreeLetterWordSlipsButAnArtistsDoesNotAndOneLetterNeverDoes() {
        assertThat(Similarity.oneSlip("one", "oen")).as("an artist name's three letters").isFalse();
        assertThat(Similarity.title("oen", "one")).as("transposed in a three-letter title").isEqualTo(Similarity.TITLE_SHORT_SLIP);
        assertThat(Similarity.title("in th end", "in the end")).as("dropped").isEqualTo(Similarity.TITLE_SHORT_SLIP);
        assertThat(Similarity.title("we aer one", "we are one")).isEqualTo(Similarity.TITLE_SHORT_SLIP);
        assertThat(Similarity.title("a", "an")).as("one edit in one letter is another word").isLessThan(0.8);
        assertThat(Similarity.title("sun", "son")).as("a replaced letter in a short word").isLessThan(0.8);
        assertThat(Similarity.title("one", "once")).as("a four-letter spelling of a three-letter word").isEqualTo(Similarity.TITLE_SLIP);
        assertThat(Similarity.TITLE_SLIP - Similarity.TITLE_SHORT_SLIP).as("a literal spelling wins beyond the margin")
                .isGreaterThan(0).isLessThan(Similarity.TITLE_SHORT_SLIP - ScoringSettings.DEFAULTS.chainMinConfidence());
    }

    @Test
    void shortWordsReplacedLettersDigitsAndTwoSlipsAreNot() {
        assertThat(Similarity.oneSlip("love", "live")).as("a replaced letter in a short word").isFalse();
        assertThat(Similarity.oneSlip("2016", "2017")).as("digits").isFalse();
        assertThat(Similarity.oneSlip("hardwell", "hadrwlel")).as("two slips").isFalse();
        assertThat(Similarity.oneSlip("phantom", "phantoms2")).isFalse();
        assertThat(Similarity.oneWordSlip("light yaers", "light years")).isTrue();
        assertThat(Similarity.oneWordSlip("lihgt yaers", "light years")).as("one slip per title").isFalse();
        assertThat(Similarity.oneWordSlip("phantom", "phantom pt ii")).as("other words").isFalse();
    }

    @Test
    void aSlipScoresBelowTheLiteralSpellingButAboveEveryMinConfidence() {
        assertThat(Similarity.title("light years", "light years")).isEqualTo(1.0);
        assertThat(Similarity.title("light yaers", "light years")).isEqualTo(Similarity.TITLE_SLIP);
        assertThat(Similarity.artists(List.of("hardwlel"), Set.of("hardwlel"), Set.of("hardwell"))).isEqualTo(Similarity.ARTIST_SLIP);
        assertThat(Similarity.artists(List.of("justice"), Set.of("justice"), Set.of("justin"))).isZero();
        double both = scorer.score(MatchTarget.of("Hardwlel", "Spacemna"), CandidateBuilder.of("spotify", "1", "Spaceman", "Hardwell").build()).confidence();
        assertThat(both).isGreaterThan(0.85).isLessThan(0.95);
    }

    @Test
    void aSlipNeverTurnsAnotherVersionOrAnotherArtistIntoAMatch() {
        Candidate remix = CandidateBuilder.of("spotify", "2", "Spaceman - Henry Fong Remix", "Hardwell").build();
        Candidate original = CandidateBuilder.of("spotify", "1", "Spaceman", "Hardwell").build();
        Candidate otherArtist = CandidateBuilder.of("spotify", "3", "Spaceman", "Justice").build();
        Selection s = scorer.select(MatchTarget.of("Hardwell", "Spacemna"), List.of(remix, otherArtist, original));
        assertThat(s.winner().candidate().recordId()).isEqualTo("1");
        assertThat(s.ranked().get(1).confidence()).isLessThan(0.3);
        // the version is compared word for word: a slip in "Remix" is another version, not a slip
        assertThat(scorer.score(MatchTarget.of("Hardwell", "Spaceman (Henry Fong Remxi)"), remix).confidence())
                .isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
    }

    @Test
    void aShortWordSlipMatchesItsSongButNeitherItsRemixNorTheSameTitleByAnother() {
        Candidate one = CandidateBuilder.of("spotify", "1", "One", "Swedish House Mafia").build();
        Candidate remix = CandidateBuilder.of("spotify", "2", "One (Congorock Remix)", "Swedish House Mafia").build();
        Candidate other = CandidateBuilder.of("spotify", "3", "One", "Metallica").build();
        Selection s = scorer.select(MatchTarget.of("Swedish House Mafia", "Oen"), List.of(remix, other, one));
        assertThat(s.winner().candidate().recordId()).isEqualTo("1");
        assertThat(s.winner().confidence()).isEqualTo(Similarity.TITLE_SHORT_SLIP);
        assertThat(s.ranked().get(1).confidence()).isLessThan(0.3);
        assertThat(best(scorer.select(MatchTarget.of("Swedish House Mafia", "Oen"), List.of(remix, other))))
                .isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        // a song literally called "On" beats the slip reading of "One"
        Candidate on = CandidateBuilder.of("spotify", "4", "On", "Swedish House Mafia").build();
        assertThat(scorer.select(MatchTarget.of("Swedish House Mafia", "On"), List.of(one, on)).winner().candidate().recordId()).isEqualTo("4");
    }

    private static double best(Selection s) { return s.hasWinner() ? s.winner().confidence() : 0; }

    @Test
    void strobeIsNotStrobeRemixNorStrobeByAnotherArtistWhateverTheSlip() {
        Candidate strobe = CandidateBuilder.of("spotify", "1", "Strobe", "deadmau5").build();
        Candidate remix = CandidateBuilder.of("spotify", "2", "Strobe (Remix)", "deadmau5").build();
        Candidate edit = CandidateBuilder.of("spotify", "3", "Strobe - Radio Edit", "deadmau5").build();
        Candidate other = CandidateBuilder.of("spotify", "4", "Strobe", "Kaskade").build();
        for (String written : List.of("Strobe", "Stobe", "Srtobe", "Strrobe")) {
            Selection s = scorer.select(MatchTarget.of("deadmau5", written), List.of(remix, edit, other, strobe));
            assertThat(s.winner().candidate().recordId()).as(written).isEqualTo("1");
            assertThat(best(scorer.select(MatchTarget.of("deadmau5", written), List.of(remix, edit, other)))).as(written + " without the original")
                    .isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        }
        assertThat(scorer.score(MatchTarget.of("deadmau5", "Stobe (Remix)"), strobe).confidence()).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
        assertThat(scorer.score(MatchTarget.of("deadmua5", "Strobe"), other).confidence()).as("artist slip does not make another artist").isZero();
    }

    @Test
    void twoSongsOneSlipApartAreAmbiguousForASlippedQueryAndTheExactOneWinsOtherwise() {
        Candidate year = CandidateBuilder.of("spotify", "1", "Light Year", "Cosmic Gate").build();
        Candidate years = CandidateBuilder.of("spotify", "2", "Light Years", "Cosmic Gate").build();
        assertThat(scorer.select(MatchTarget.of("Cosmic Gate", "Light Years"), List.of(year, years)).winner().candidate().recordId()).isEqualTo("2");
        Selection slipped = scorer.select(MatchTarget.of("Cosmic Gate", "Light Yaers"), List.of(year, years));
        assertThat(slipped.hasWinner()).as("'Light Yaers' is one slip from 'Light Years' only").isTrue();
        assertThat(slipped.winner().candidate().recordId()).isEqualTo("2");
        Candidate phantom = CandidateBuilder.of("spotify", "3", "Phantom", "Justice").build();
        Candidate phantoms = CandidateBuilder.of("spotify", "4", "Phantoms", "Justice").build();
        Selection between = scorer.select(MatchTarget.of("Justice", "Phantomm"), List.of(phantom, phantoms));
        assertThat(between.hasWinner()).as("'Phantomm' is one slip from both").isFalse();
        assertThat(between.ambiguous()).isTrue();
    }
}
