package io.songnodes.enrich.waterfall;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FallbackPlannerTest {
    private static final TrackQuery Q = new TrackQuery("Hardwlel", "Spaceman", null, Map.of());

    @Test
    void atMostFourPerTrackOnePerProviderAndNoneForLastfmOrMusicBrainz() {
        List<ProviderName> all = List.of(ProviderName.LASTFM, ProviderName.BEATPORT, ProviderName.MUSICBRAINZ, ProviderName.DEEZER,
                ProviderName.SPOTIFY, ProviderName.DISCOGS, ProviderName.SPOTIFY);
        assertThat(FallbackPlanner.kinds(all, Q)).containsExactly(FallbackPlanner.Kind.TITLE_ONLY, FallbackPlanner.Kind.FREE_TEXT,
                FallbackPlanner.Kind.FREE_TEXT, FallbackPlanner.Kind.FREE_TEXT);
    }

    @Test
    void freeTextSearchesArtistAndTitleWithoutFields() {
        FallbackPlanner.Fallback f = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK).next(ProviderName.SPOTIFY, Q, null).orElseThrow();
        assertThat(f.query().artist()).isEmpty();
        assertThat(f.query().title()).isEqualTo("Hardwlel Spaceman");
    }

    @Test
    void aLearnedSpellingIsTheOneFallbackLeftAfterAMatchAndSharesTheBudget() {
        FallbackPlanner p = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK);
        p.matched();
        TrackQuery learned = new TrackQuery("Hardwell", "Spaceman", null, Map.of());
        for (int i = 0; i < FallbackPlanner.MAX_PER_TRACK; i++) {
            assertThat(p.respell(learned)).get().extracting(FallbackPlanner.Fallback::kind).isEqualTo(FallbackPlanner.Kind.LEARNED_SPELLING);
        }
        assertThat(p.respell(learned)).isEmpty();
    }

    @Test
    void noneOnceMatchedNorAfterAnExactIdLookup() {
        FallbackPlanner p = new FallbackPlanner(FallbackPlanner.MAX_PER_TRACK);
        assertThat(p.next(ProviderName.SPOTIFY, new TrackQuery("A", "T", null, Map.of("isrc", "X")), null)).isEmpty();
        p.matched();
        assertThat(p.next(ProviderName.SPOTIFY, Q, null)).isEmpty();
        assertThat(p.used()).isZero();
    }
}
