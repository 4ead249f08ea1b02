package io.songnodes.bronze;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.identity.TrackIdentity;
import io.songnodes.identity.TrackIds;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import java.util.List;

/**
 * Parses and validates a raw bronze message (contracts §1). A replayed dead letter arrives as its
 * envelope; it is unwrapped so the record is validated as it first came, and its replay count travels on.
 */
public final class BronzeValidator {
    private static final List<String> REQUIRED_TEXT = List.of("source", "source_url", "title", "scraped_at");
    private static final int MAX_FIELD_CHARS = 2_000;

    private BronzeValidator() {}

    public static Validation validate(String raw) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(raw);
        } catch (Exception e) {
            return Validation.invalid("not valid JSON: " + firstLine(e.getMessage()), null, raw, 0);
        }
        int replayCount = 0;
        if (node != null && node.isObject() && node.has("error_type") && node.path("payload").isTextual()) {
            replayCount = node.path("replay_count").asInt(0);
            raw = node.get("payload").asText();
            try {
                node = Json.MAPPER.readTree(raw);
            } catch (Exception e) {
                return Validation.invalid("not valid JSON: " + firstLine(e.getMessage()), null, raw, replayCount);
            }
        }
        if (node == null || !node.isObject()) {
            return Validation.invalid("not a JSON object", null, raw, replayCount);
        }
        String source = node.path("source").isTextual() ? node.get("source").asText() : null;
        for (String field : REQUIRED_TEXT) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) return Validation.invalid("missing field '" + field + "'", source, raw, replayCount);
            if (!v.isTextual()) return Validation.invalid("field '" + field + "' must be a string", source, raw, replayCount);
            if (v.asText().isBlank()) return Validation.invalid("field '" + field + "' is empty", source, raw, replayCount);
            if (v.asText().length() > MAX_FIELD_CHARS) return Validation.invalid("field '" + field + "' is too long", source, raw, replayCount);
        }
        // an empty artist is how MixesDB writes "?" rows: valid, and unidentified
        JsonNode artist = node.get("artist");
        if (artist == null || artist.isNull()) return Validation.invalid("missing field 'artist'", source, raw, replayCount);
        if (!artist.isTextual()) return Validation.invalid("field 'artist' must be a string", source, raw, replayCount);

        BronzeRecord record;
        try {
            record = Json.MAPPER.treeToValue(node, BronzeRecord.class);
        } catch (Exception e) {
            return Validation.invalid("schema mismatch: " + firstLine(e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage()), source, raw, replayCount);
        }
        TrackIdentity identity = TrackIdentity.parse(record.artist(), record.title());
        Integer position = record.playlist() == null ? null : record.playlist().position();
        String bronzeKey = TrackIds.bronzeKey(record.source(), record.sourceUrl(), record.sourceTrackId(), position, record.artist(), record.title());
        boolean unidentified = TrackIds.isUnidentified(record.artist(), record.title(), identity);
        String trackId = unidentified ? TrackIds.unidentifiedTrackId(bronzeKey) : TrackIds.trackId(identity);
        return Validation.ok(new BronzeMessage(record, raw, bronzeKey, trackId, identity, unidentified, replayCount));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
