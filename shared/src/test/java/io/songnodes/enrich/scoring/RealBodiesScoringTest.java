package io.songnodes.enrich.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.provider.BeatportParser;
import io.songnodes.enrich.provider.DeezerParser;
import io.songnodes.enrich.provider.MusicBrainzParser;
import io.songnodes.json.Json;
import io.songnodes.testing.TeamKit;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring on candidates parsed by the real clients' parsers from the recorded provider bodies of the kit. */
class RealBodiesScoringTest {
    private final CandidateScorer scorer = new CandidateScorer(ScoringSettings.DEFAULTS);

    private static JsonNode body(String path) throws Exception {
        return Json.MAPPER.readTree(Files.readString(TeamKit.providers().resolve(path)));
    }

    @Test
    void deezerPicksTheOriginalBillieJeanNotTheCoverAndDuplicatesAreNotAmbiguous() throws Exception {
        List<Candidate> hits = DeezerParser.search(body("deezer/search-q-billy-jean-limit-3.json"));
        assertThat(hits).hasSize(3);
        Selection s = scorer.select(MatchTarget.of("Michael Jackson", "Billie Jean"), hits);
        // two listings of one recording (single and album) are one song, not an ambiguity
        assertThat(s.winner().candidate().recordId()).isEqualTo("4603408");
        assertThat(s.winner().confidence()).isGreaterThan(0.95);
        assertThat(s.ranked()).filteredOn(x -> x.candidate().recordId().equals("1516986202"))
                .singleElement().satisfies(cover -> assertThat(cover.confidence()).isLessThan(0.1));
    }

    @Test
    void musicBrainzPrefersTheStudioRecordingOverTheLiveOneAndTheDuet() throws Exception {
        List<Candidate> hits = MusicBrainzParser.search(body("musicbrainz/recording-search-calexico-alone-again-or.json"));
        Selection s = scorer.select(MatchTarget.of("Calexico", "Alone Again Or"), hits);
        assertThat(s.hasWinner()).isTrue();
        assertThat(s.winner().candidate().title()).isEqualTo("Alone Again Or");
        assertThat(s.winner().candidate().artists()).containsExactly("Calexico");
        assertThat(s.winner().confidence()).isGreaterThan(0.95);
        for (ScoredCandidate sc : s.ranked()) {
            String t = sc.candidate().title();
            if (t.startsWith("Alone Again Or (Live")) assertThat(sc.confidence()).as(t).isLessThanOrEqualTo(CandidateScorer.VERSION_MISMATCH);
            if (!t.startsWith("Alone Again Or")) assertThat(sc.confidence()).as(t).isLessThan(0.6);
        }
        // asked for the live recording, the studio ones lose
        Selection live = scorer.select(MatchTarget.of("Calexico", "Alone Again Or (Live at China Theatre Stockholm, 04.25.2003)"), hits);
        assertThat(live.winner().candidate().title()).startsWith("Alone Again Or (Live");
    }

    @Test
    void beatportTellsFeelingFromFeelingGoodAndToleratesASpellingSlip() throws Exception {
        List<Candidate> feeling = BeatportParser.list(body("beatport/tracks-filter-name-feeling-artist-newtone.json"));
        Selection s = scorer.select(MatchTarget.of("Newtone", "Feeling (Original Mix)"), feeling);
        assertThat(s.winner().candidate().recordId()).isEqualTo("20722554");
        assertThat(s.ranked().get(1).confidence()).isLessThan(0.6);
        // the kit's search asked for "kaspitzky"; Beatport spells the artist "Kashpitzky"
        List<Candidate> elevate = BeatportParser.list(body("beatport/tracks-filter-artist-kaspitzky-name-elevate.json"));
        Selection e = scorer.select(MatchTarget.of("Kaspitzky", "Elevate"), elevate);
        assertThat(e.winner().confidence()).isGreaterThan(0.9);
    }
}
