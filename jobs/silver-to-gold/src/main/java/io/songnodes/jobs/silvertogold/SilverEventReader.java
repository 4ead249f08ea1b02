package io.songnodes.jobs.silvertogold;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.bronze.InputText;
import io.songnodes.bronze.RawBody;
import io.songnodes.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one silver event strictly, Flink-free: a body that is not UTF-8, too large, not a JSON object, or with a
 * field outside its rule is refused with the field and the rule named, so it becomes a dead letter, never a restart.
 * Every value is bounded before it reaches a SQL statement, so no event can hit an index-row or text limit.
 */
public final class SilverEventReader {
    /** Real events are under 1 KB; a set rarely holds more than a few hundred playlists. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    public static final int MAX_TRACK_ID_BYTES = 256;
    /** Playlist ids are source:url; below PostgreSQL's btree index-row limit (2,704 bytes). */
    public static final int MAX_PLAYLIST_ID_BYTES = 2_304;
    public static final int MAX_PLAYLIST_IDS = 1_000;
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

    private final Clock clock;

    public SilverEventReader(Clock clock) { this.clock = clock; }

    /** Either a request or a refusal naming the field and its rule. */
    public record Result(RefreshRequest request, String field, String rule) {
        public boolean ok() { return request != null; }

        /** The dead letter's reason: field first, so DLQ tools can group by it. */
        public String reason() { return field + ": " + rule; }

        static Result refuse(String field, String rule) { return new Result(null, field, rule); }
    }

    /** {@code raw} is the body as the source passed it on ({@link RawBody} marks one that is not UTF-8). */
    public Result read(String raw) {
        if (RawBody.isNotUtf8(raw)) return Result.refuse("body", "not valid UTF-8 (kept as base64 in the dead letter)");
        int bytes = InputText.utf8Length(raw);
        if (bytes > MAX_EVENT_BYTES) return Result.refuse("body", "is " + bytes + " bytes, over the limit of " + MAX_EVENT_BYTES);
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(raw);
        } catch (Exception e) {
            return Result.refuse("body", "not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (n == null || !n.isObject()) return Result.refuse("body", "not a JSON object");

        String trackId = null;
        JsonNode t = n.get("track_id");
        if (t != null && !t.isNull()) {
            if (!t.isTextual()) return Result.refuse("track_id", "must be a string");
            String problem = InputText.problem(t.asText(), MAX_TRACK_ID_BYTES, false);
            if (problem != null) return Result.refuse("track_id", problem);
            if (!t.asText().isBlank()) trackId = t.asText();
        }
        List<String> playlists = new ArrayList<>();
        JsonNode p = n.get("playlist_ids");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) return Result.refuse("playlist_ids", "must be an array of strings");
            if (p.size() > MAX_PLAYLIST_IDS) return Result.refuse("playlist_ids", "has " + p.size() + " entries, over the limit of " + MAX_PLAYLIST_IDS);
            for (int i = 0; i < p.size(); i++) {
                JsonNode e = p.get(i);
                if (!e.isTextual() || e.asText().isBlank()) return Result.refuse("playlist_ids", "entry " + i + " must be a non-empty string");
                String problem = InputText.problem(e.asText(), MAX_PLAYLIST_ID_BYTES, false);
                if (problem != null) return Result.refuse("playlist_ids", "entry " + i + " " + problem);
                playlists.add(e.asText());
            }
        }
        if (trackId == null && playlists.isEmpty()) return Result.refuse("track_id", "missing: an event needs track_id or playlist_ids");

        JsonNode c = n.get("changed_at");
        if (c == null || c.isNull()) return Result.refuse("changed_at", "missing");
        if (!c.isTextual() || c.asText().length() > 64) return Result.refuse("changed_at", "must be an ISO-8601 instant");
        Instant changed;
        try {
            changed = Instant.parse(c.asText());
        } catch (DateTimeParseException e) {
            return Result.refuse("changed_at", "must be an ISO-8601 instant");
        }
        Instant latest = clock.instant().plus(Duration.ofDays(1));
        if (changed.isBefore(EARLIEST) || changed.isAfter(latest)) {
            return Result.refuse("changed_at", "outside " + EARLIEST + " to now + 1 day");
        }
        return new Result(new RefreshRequest(false, trackId, playlists.toArray(String[]::new), changed, raw), null, null);
    }
}
