package io.songnodes.enrich.waterfall;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.identity.TrackIdentity;
import io.songnodes.identity.TrackIds;
import io.songnodes.model.Hints;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the waterfall enriches: a parsed track, whether it is unidentified, and the ids a scraper already
 * knew ({@code hints}, keyed like {@code TrackQuery.knownIds}: "spotify", "isrc", "beatport", "musicbrainz").
 * {@code source} names where hints came from, for their provenance.
 */
public record TrackInput(String trackId, String artist, String title, TrackIdentity identity, boolean unidentified,
                         Map<String, String> hints, String source) implements Serializable {

    public TrackInput {
        // a copy: the caller's map may change while the run reads it
        hints = hints == null ? new LinkedHashMap<>() : new LinkedHashMap<>(hints);
    }

    /** A validated bronze message, with its hints. */
    public static TrackInput of(BronzeMessage m) {
        return new TrackInput(m.trackId(), m.record().artist(), m.record().title(), m.identity(), m.unidentified(),
                hints(m.record().hintsOrEmpty()), m.record().source());
    }

    /** One track typed by hand (the CLI's {@code --artist --title}). */
    public static TrackInput of(String artist, String title) { return of(artist, title, Map.of()); }

    public static TrackInput of(String artist, String title, Map<String, String> hints) {
        TrackIdentity identity = TrackIdentity.parse(artist, title);
        boolean unidentified = TrackIds.isUnidentified(artist, title, identity);
        String id = unidentified ? TrackIds.unidentifiedTrackId("cli|" + artist + '|' + title) : TrackIds.trackId(identity);
        return new TrackInput(id, artist, title, identity, unidentified, hints, "cli");
    }

    static Map<String, String> hints(Hints h) {
        Map<String, String> m = new LinkedHashMap<>();
        put(m, "spotify", h.spotifyId());
        put(m, "isrc", h.isrc() == null ? null : h.isrc().trim().toUpperCase(java.util.Locale.ROOT));
        put(m, "beatport", h.beatportId());
        put(m, "musicbrainz", h.musicbrainzId());
        return m;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isBlank()) m.put(k, v.trim());
    }

    /** The title to search with: the "[Label - CatNo]" suffix MixesDB adds would only confuse a search. */
    public String searchTitle() {
        if (title == null || identity.labelSuffix() == null) return title;
        int i = title.lastIndexOf('[');
        return i > 0 ? title.substring(0, i).trim() : title;
    }
}
