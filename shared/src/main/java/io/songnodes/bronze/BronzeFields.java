package io.songnodes.bronze;

import java.util.List;

/**
 * The string fields of a bronze record with their UTF-8 byte limits and whether control characters in them
 * are cleaned (free text as people type it) or refuse the record (identifiers, URLs, times). The limits keep
 * every value far below PostgreSQL's btree index-row limit (2,704 bytes) where a column is indexed or part of
 * a derived key, and bound what the identity regexes see. The schema states the same limits as CHECK constraints
 * (migration V4), which a test keeps equal to these.
 */
public final class BronzeFields {
    /** The largest message accepted, in bytes; real records are under 2 KB. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** Positions are track numbers within one set. */
    public static final int MAX_POSITION = 10_000;
    /** Replays beyond this are a loop, not a retry. */
    public static final int MAX_REPLAY_COUNT = 1_000_000;

    /** One string field: its JSON path, byte limit and whether controls in it are cleaned. */
    public record Spec(String parent, String name, int maxBytes, boolean cleaned) {
        public String path() { return parent == null ? name : parent + '.' + name; }
    }

    public static final List<Spec> TOP = List.of(
            new Spec(null, "source", 64, false),
            new Spec(null, "source_url", 2_048, false),
            new Spec(null, "source_track_id", 256, false),
            new Spec(null, "artist", 1_000, true),
            new Spec(null, "title", 1_000, true),
            new Spec(null, "scraped_at", 64, false),
            new Spec(null, "scraper_version", 64, false));

    public static final List<Spec> PLAYLIST = List.of(
            new Spec("playlist", "source_playlist_id", 256, false),
            new Spec("playlist", "name", 1_000, true),
            new Spec("playlist", "dj", 500, true),
            new Spec("playlist", "event", 500, true),
            new Spec("playlist", "date", 32, false),
            new Spec("playlist", "cue", 32, false));

    public static final List<Spec> HINTS = List.of(
            new Spec("hints", "spotify_id", 64, false),
            new Spec("hints", "isrc", 32, false),
            new Spec("hints", "beatport_id", 64, false),
            new Spec("hints", "musicbrainz_id", 64, false));

    private BronzeFields() {}
}
