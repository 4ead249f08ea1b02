package io.songnodes.enrich;

import java.io.Serializable;
import java.util.Map;

/**
 * What the waterfall asks a provider: free text (artist, title) or, when an earlier provider or a
 * scraper hint supplied one, exact ids ({@code "isrc"}, {@code "spotify"}, ...) which take precedence.
 * A fallback search may ask for a later page of hits ({@code offset}) or, where the provider's search
 * syntax has it (MusicBrainz's Lucene {@code term~}), for words matched within a few typing slips
 * ({@code fuzzy}); a provider without the feature searches as usual.
 */
public record TrackQuery(String artist, String title, Integer durationMs, Map<String, String> knownIds, int offset, boolean fuzzy)
        implements Serializable {
    public TrackQuery {
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }

    /** A first-page, word-exact query. */
    public TrackQuery(String artist, String title, Integer durationMs, Map<String, String> knownIds) {
        this(artist, title, durationMs, knownIds, 0, false);
    }

    /** The same query from hit {@code offset} on. */
    public TrackQuery atOffset(int offset) { return new TrackQuery(artist, title, durationMs, knownIds, offset, fuzzy); }

    /** The same query with fuzzy words. */
    public TrackQuery asFuzzy() { return new TrackQuery(artist, title, durationMs, knownIds, offset, true); }
}
