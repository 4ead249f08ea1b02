package io.songnodes.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeFields;
import io.songnodes.testing.TestDatabase;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The validator's byte limits are the schema's: each bronze field's limit equals its column's CHECK constraint. */
class InputLimitsITCase {
    /** Field path to the column that stores it. */
    private static final Map<String, String> COLUMNS = Map.ofEntries(
            Map.entry("source", "bronze.raw_tracks.source"),
            Map.entry("source_url", "bronze.raw_tracks.source_url"),
            Map.entry("source_track_id", "bronze.raw_tracks.source_track_id"),
            Map.entry("artist", "silver.tracks.artist"),
            Map.entry("title", "silver.tracks.title"),
            Map.entry("playlist.source_playlist_id", "silver.playlists.source_playlist_id"),
            Map.entry("playlist.name", "silver.playlists.name"),
            Map.entry("playlist.dj", "silver.playlists.dj"),
            Map.entry("playlist.event", "silver.playlists.event"),
            Map.entry("playlist.date", "silver.playlists.played_date"),
            Map.entry("playlist.cue", "silver.playlist_tracks.cue"));

    @Test
    void validatorLimitsEqualTheSchemaConstraints() {
        try (TestDatabase db = TestDatabase.create()) {
            int checked = 0;
            for (var specs : java.util.List.of(BronzeFields.TOP, BronzeFields.PLAYLIST)) {
                for (BronzeFields.Spec spec : specs) {
                    String column = COLUMNS.get(spec.path());
                    if (column == null) continue; // scraped_at is a timestamptz; scraper_version lives only in the raw record
                    assertThat(schemaLimit(db, column)).as(spec.path() + " vs " + column).isEqualTo(spec.maxBytes());
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(COLUMNS.size());
            assertThat(db.strings("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = 'playlist_tracks_position_range'").get(0))
                    .contains(String.valueOf(BronzeFields.MAX_POSITION));
        }
    }

    private static int schemaLimit(TestDatabase db, String qualified) {
        int dot = qualified.lastIndexOf('.');
        String table = qualified.substring(0, dot);
        String column = qualified.substring(dot + 1);
        Pattern p = Pattern.compile("octet_length\\(" + column + "\\) <= (\\d+)");
        for (String def : db.strings("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'c' AND conrelid = '" + table + "'::regclass")) {
            Matcher m = p.matcher(def);
            if (m.find()) return Integer.parseInt(m.group(1));
        }
        throw new AssertionError("no byte limit on " + qualified);
    }
}
