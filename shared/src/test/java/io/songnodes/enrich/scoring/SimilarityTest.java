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
    void shortWordsReplacedLettersDigitsAndTwoSlipsAreNot() {
        assertThat(Similarity.oneSlip("one", "oen")).as("three letters").isFalse();
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
