package io.songnodes.enrich.waterfall;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.enrich.Candidate;
import io.songnodes.enrich.ProviderName;
import io.songnodes.enrich.TrackQuery;
import io.songnodes.enrich.config.WaterfallConfig;
import io.songnodes.enrich.scoring.CandidateBuilder;
import io.songnodes.identity.TextNormalizer;
import io.songnodes.identity.TrackIdentity;
import io.songnodes.json.Json;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.music.CamelotKey;
import io.songnodes.testing.TracklistFixtures;
import io.songnodes.testing.TracklistFixtures.Row;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The waterfall over every real 1001tracklists row, against an in-memory catalog built from the same rows:
 * a search returns every catalog track sharing a title word (so the other versions of a song, and a
 * mashup's parts, are always among the candidates). It must reproduce the rows' Spotify and Beatport ids
 * and give mashups none.
 */
class TracklistWaterfallTest {
    private static final Set<String> STOP = Set.of("the", "a", "of", "and", "in", "to", "i", "we", "you", "up", "me", "it");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-10-10T12:00:00Z"), ZoneOffset.UTC);

    private static String[] artists(String credit) {
        return credit.split("\\s+(?:&|ft\\.|feat\\.|vs\\.)\\s+|,\\s*");
    }

    /** Spotify lists the version after " - "; Beatport keeps the name bare and the version as mix_name. */
    private static Map<String, Candidate> catalog(List<Row> rows, ProviderName p) {
        Map<String, Candidate> out = new LinkedHashMap<>();
        for (Row r : rows) {
            String id = p == ProviderName.SPOTIFY ? r.spotifyId() : r.beatportId();
            if (id == null || out.containsKey(id)) continue;
            String title = r.bronze().title();
            CandidateBuilder c;
            if (p == ProviderName.SPOTIFY) {
                String t = title.replaceAll("(?i)\\s*\\(([^()]*\\b(?:mix|edit|remix|mashup|mash up|bootleg|acappella)\\b[^()]*)\\)\\s*$", " - $1");
                c = CandidateBuilder.of("spotify", id, t, artists(r.bronze().artist())).duration(r.durationMs());
                if (r.tempo() != null) c.bpm(r.tempo());
            } else {
                var m = java.util.regex.Pattern.compile("^(.*?)\\s*\\(([^()]*)\\)\\s*$").matcher(title);
                String name = m.matches() && TrackIdentity.parse("", title).version() != null ? m.group(1) : title;
                String mix = m.matches() && TrackIdentity.parse("", title).version() != null ? m.group(2) : "Original Mix";
                c = CandidateBuilder.of("beatport", id, name, artists(r.bronze().artist())).version(mix);
                if (r.tempo() != null) c.bpm(Math.round(r.tempo()));
                if (r.key() != null && r.key() >= 0) c.key(r.key(), r.mode());
            }
            out.put(id, c.build());
        }
        return out;
    }

    private static Function<TrackQuery, List<Candidate>> search(Map<String, Candidate> catalog, String provider) {
        return q -> {
            String known = q.knownIds().get(provider);
            if (known != null && catalog.containsKey(known)) return List.of(catalog.get(known));
            Set<String> words = words(TrackIdentity.parse(q.artist(), q.title()).baseTitle());
            return catalog.values().stream()
                    .filter(c -> overlap(words, c) > 0)
                    .sorted(Comparator.comparingLong((Candidate c) -> overlap(words, c)).reversed())
                    .limit(10)
                    .toList();
        };
    }

    private static long overlap(Set<String> words, Candidate c) {
        return words(TextNormalizer.normalize(c.title())).stream().filter(words::contains).count();
    }

    private static Set<String> words(String s) {
        return Arrays.stream(s.split(" ")).filter(w -> !w.isBlank() && !STOP.contains(w)).collect(Collectors.toSet());
    }

    @Test
    void reproducesTheRowsSpotifyAndBeatportIdsAndGivesMashupsNone() {
        List<Row> rows = TracklistFixtures.all1001();
        FakeGateway g = new FakeGateway()
                .answer(ProviderName.SPOTIFY, search(catalog(rows, ProviderName.SPOTIFY), "spotify"))
                .answer(ProviderName.BEATPORT, search(catalog(rows, ProviderName.BEATPORT), "beatport"));
        Waterfall w = new Waterfall(WaterfallConfig.parse("""
                fields:
                  beatport_id: { providers: [beatport], min_confidence: 0.85 }
                  spotify_id:  { providers: [spotify], min_confidence: 0.85 }
                  bpm:         { providers: [beatport, spotify], min_confidence: 0.80 }
                  key:         { providers: [beatport, spotify], min_confidence: 0.80 }
                """));
        int[] spotify = new int[3], beatport = new int[3]; // true positive, false positive, false negative
        int mashups = 0;
        List<String> misses = new ArrayList<>();
        for (Row r : rows) {
            BronzeMessage m = BronzeValidator.validate(Json.write(r.bronze())).message();
            EnrichmentResult res = w.enrich(m, g, EnrichmentListener_NONE, CLOCK);
            if (r.mashup()) {
                mashups++;
                assertThat(res.silver().spotifyId()).as(r.bronze().title()).isNull();
                assertThat(res.silver().beatportId()).as(r.bronze().title()).isNull();
                assertThat(res.silver().bpm()).as(r.bronze().title()).isNull();
                assertThat(res.status()).isEqualTo(EnrichmentStatus.NOT_FOUND);
                continue;
            }
            count(spotify, r.spotifyId(), res.silver().spotifyId(), r, misses);
            count(beatport, r.beatportId(), res.silver().beatportId(), r, misses);
            if (r.beatportId() != null && r.key() != null && r.key() >= 0 && res.silver().beatportId() != null) {
                assertThat(res.silver().camelotKey()).as(r.bronze().title()).isEqualTo(CamelotKey.of(r.key(), r.mode()).toString());
            }
        }
        double spP = spotify[0] / (double) (spotify[0] + spotify[1]), spR = spotify[0] / (double) (spotify[0] + spotify[2]);
        double bpP = beatport[0] / (double) (beatport[0] + beatport[1]), bpR = beatport[0] / (double) (beatport[0] + beatport[2]);
        System.out.printf("tracklist waterfall: spotify precision %.3f recall %.3f (tp %d fp %d fn %d); beatport precision %.3f recall %.3f (tp %d fp %d fn %d); mashups %d; calls %d; misses %s%n",
                spP, spR, spotify[0], spotify[1], spotify[2], bpP, bpR, beatport[0], beatport[1], beatport[2], mashups, g.calls.size(), misses);
        assertThat(mashups).isEqualTo(11);
        assertThat(spotify[1]).as("spotify false positives").isZero();
        assertThat(beatport[1]).as("beatport false positives").isZero();
        assertThat(spR).isGreaterThanOrEqualTo(0.95);
        assertThat(bpR).isGreaterThanOrEqualTo(0.95);
        // at most one call per provider per track, plus the bounded fallbacks (one side blank) of tracks without a confident match
        long fallbacks = g.calls.stream().filter(c -> c.getValue().artist().isBlank() || c.getValue().title().isBlank()).count();
        System.out.printf("tracklist waterfall: %d first searches, %d fallback searches%n", g.calls.size() - fallbacks, fallbacks);
        assertThat(g.calls.size() - fallbacks).isLessThanOrEqualTo(2 * rows.size());
        assertThat(fallbacks).isLessThanOrEqualTo((long) (spotify[2] + beatport[2] + 2 * rows.stream().filter(r -> r.spotifyId() == null || r.beatportId() == null).count()));
    }

    private static final io.songnodes.enrich.EnrichmentListener EnrichmentListener_NONE = io.songnodes.enrich.EnrichmentListener.NONE;

    private static void count(int[] acc, String expected, String got, Row r, List<String> misses) {
        if (got != null && got.equals(expected)) acc[0]++;
        else if (got != null) {
            acc[1]++;
            misses.add("FP " + r.bronze().title() + " got " + got);
        } else if (expected != null) {
            acc[2]++;
            misses.add("FN " + r.bronze().artist() + " - " + r.bronze().title());
        }
    }
}
