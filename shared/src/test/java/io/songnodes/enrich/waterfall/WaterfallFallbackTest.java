package io.songnodes.enrich.waterfall;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.scoring.CandidateBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped waterfall's fallback searches against word-exact fake providers: a slipped title is found in the
 * artist's track list (Spotify's second page), a track no catalog holds and a track spelled right cost nothing extra.
 */
class WaterfallFallbackTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-10T12:00:05Z"), ZoneOffset.UTC);
    private final Waterfall waterfall = new Waterfall(WaterfallConfig.defaults());

    /** Justice's catalog at a provider: 14 songs, "Randy" the 13th. */
    private static List<Candidate> justice(String provider) {
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) out.add(CandidateBuilder.of(provider, provider + i, "Song Number " + i, "Justice").build());
        out.add(CandidateBuilder.of(provider, provider + "-randy", "Randy", "Justice").isrc("FR0NT1200001").build());
        out.add(CandidateBuilder.of(provider, provider + "-genesis", "Genesis", "Justice").build());
        return out;
    }

    private static boolean blank(String s) { return s == null || s.isBlank(); }

    /** A word-exact search: fielded (both sides), one side alone, 10 hits a page from the query's offset. */
    private static List<Candidate> search(List<Candidate> catalog, TrackQuery q, int page) {
        List<Candidate> hits = catalog.stream().filter(c -> (blank(q.artist()) || c.artist().equalsIgnoreCase(q.artist()))
                && (blank(q.title()) || c.title().equalsIgnoreCase(q.title()))).toList();
        return hits.subList(Math.min(q.offset(), hits.size()), Math.min(q.offset() + page, hits.size()));
    }

    private FakeGateway gateway() {
        List<Candidate> spotify = justice("spotify");
        // Beatport does not list "Randy"; its first search is free text: either side alone finds tracks
        List<Candidate> beatport = justice("beatport").stream().filter(c -> !c.title().equals("Randy")).toList();
        return new FakeGateway()
                .answer(ProviderName.SPOTIFY, q -> search(spotify, q, 10))
                .answer(ProviderName.BEATPORT, q -> q.title().isBlank() || q.artist().isBlank() ? search(beatport, q, 50)
                        : beatport.stream().filter(c -> c.artist().equalsIgnoreCase(q.artist()) || c.title().equalsIgnoreCase(q.title())).toList());
    }

    private static long fallbacks(FakeGateway g) {
        return g.calls.stream().filter(c -> blank(c.getValue().artist()) || blank(c.getValue().title()) || c.getValue().offset() > 0).count();
    }

    @Test
    void aSlippedTitleIsFoundOnTheNextPageOfTheArtistsTracks() {
        FakeGateway g = gateway();
        RecordingListener events = new RecordingListener();
        EnrichmentResult r = waterfall.enrich(TrackInput.of("Justice", "Rnady"), g, events, CLOCK);
        assertThat(r.silver().spotifyId()).isEqualTo("spotify-randy");
        List<TrackQuery> spotify = g.calls.stream().filter(c -> c.getKey() == ProviderName.SPOTIFY).map(java.util.Map.Entry::getValue).toList();
        assertThat(spotify.get(0).title()).isEqualTo("Rnady");
        assertThat(spotify.get(1).title()).as("the artist's list").isEmpty();
        assertThat(spotify.get(2).offset()).as("its second page").isEqualTo(10);
        assertThat(fallbacks(g)).isLessThanOrEqualTo(FallbackPlanner.MAX_PER_TRACK);
    }

    @Test
    void aTrackNoCatalogHoldsAndATrackSpelledRightMakeNoFallbackSearch() {
        FakeGateway unknown = gateway();
        waterfall.enrich(TrackInput.of("Nobody Known", "Nothing Like It"), unknown, new RecordingListener(), CLOCK);
        assertThat(fallbacks(unknown)).as("Beatport's free text showed neither side").isZero();
        assertThat(unknown.calls(ProviderName.SPOTIFY)).isEqualTo(1);

        FakeGateway right = gateway();
        EnrichmentResult r = waterfall.enrich(TrackInput.of("Justice", "Genesis"), right, new RecordingListener(), CLOCK);
        assertThat(r.silver().spotifyId()).isEqualTo("spotify-genesis");
        assertThat(fallbacks(right)).isZero();
    }
}
