package io.songnodes.enrich.scoring;

import io.songnodes.enrich.Candidate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test builder for provider candidates, shaped the way the real clients fill them. */
public final class CandidateBuilder {
    private final String provider;
    private final String recordId;
    private String artist;
    private List<String> artists = new ArrayList<>();
    private String title;
    private String version;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private Double bpm, energy, danceability, valence;
    private Integer key, mode, durationMs;
    private String keyName, label, releaseDate;
    private List<String> genres;

    private CandidateBuilder(String provider, String recordId) {
        this.provider = provider;
        this.recordId = recordId;
        ids.put(provider, recordId);
    }

    /** A candidate credited to {@code artists} (each one an entry of the provider's artist list). */
    public static CandidateBuilder of(String provider, String recordId, String title, String... artists) {
        CandidateBuilder b = new CandidateBuilder(provider, recordId);
        b.title = title;
        b.artists = List.of(artists);
        b.artist = String.join(", ", artists);
        return b;
    }

    public CandidateBuilder version(String v) { version = v; return this; }
    public CandidateBuilder isrc(String v) { ids.put("isrc", v); return this; }
    public CandidateBuilder id(String provider, String v) { ids.put(provider, v); return this; }
    public CandidateBuilder bpm(double v) { bpm = v; return this; }
    public CandidateBuilder key(int pitch, int m) { key = pitch; mode = m; return this; }
    public CandidateBuilder keyName(String v) { keyName = v; return this; }
    public CandidateBuilder energy(double v) { energy = v; return this; }
    public CandidateBuilder danceability(double v) { danceability = v; return this; }
    public CandidateBuilder valence(double v) { valence = v; return this; }
    public CandidateBuilder genres(String... g) { genres = List.of(g); return this; }
    public CandidateBuilder label(String v) { label = v; return this; }
    public CandidateBuilder releaseDate(String v) { releaseDate = v; return this; }
    public CandidateBuilder duration(Integer ms) { durationMs = ms; return this; }

    public Candidate build() {
        return new Candidate(provider, recordId, artist, artists, title, version, Map.copyOf(ids), bpm, key, mode, keyName,
                energy, danceability, valence, genres, label, releaseDate, durationMs);
    }
}
