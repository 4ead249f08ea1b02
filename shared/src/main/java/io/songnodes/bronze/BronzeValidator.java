package io.songnodes.bronze;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.identity.TrackIdentity;
import io.songnodes.identity.TrackIds;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Parses and validates a raw bronze message. Everything a record carries into PostgreSQL is checked here, at
 * the edge, so no sink ever sees a value it must refuse: strict UTF-8, a total size, byte limits and control
 * characters per field ({@link BronzeFields}), the range of {@code scraped_at} and of positions. A replayed
 * dead letter arrives as its envelope; it is unwrapped so the record is validated as it first came.
 */
public final class BronzeValidator {
    private static final Set<String> REQUIRED = Set.of("source", "source_url", "title", "scraped_at");
    /** The oldest plausible scrape: tracklist sites are younger. */
    public static final Instant EARLIEST_SCRAPE = Instant.parse("1990-01-01T00:00:00Z");
    /** Scrapers' clocks may run a little ahead. */
    public static final Duration FUTURE_SLACK = Duration.ofDays(1);

    private BronzeValidator() {}

    public static Validation validate(String raw) { return validate(raw, Instant.now()); }

    public static Validation validate(String raw, Instant now) {
        Validation v = validateOnce(raw, now);
        return v.replayCount() > 0 ? v.withFirstFailedAt(firstFailedAt(raw)) : v;
    }

    /** {@code first_failed_at} of a replayed envelope, or null when it has none that parses. */
    private static Instant firstFailedAt(String envelope) {
        try {
            String at = Json.MAPPER.readTree(envelope).path("first_failed_at").asText(null);
            return at == null || at.length() > 64 ? null : Instant.parse(at);
        } catch (Exception e) {
            return null;
        }
    }

    private static Validation validateOnce(String raw, Instant now) {
        if (RawBody.isNotUtf8(raw)) return notUtf8(raw, 0);
        String size = sizeProblem(raw);
        if (size != null) return Validation.invalid(size, null, raw, 0);
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(raw);
        } catch (Exception e) {
            return Validation.invalid("not valid JSON: " + firstLine(e.getMessage()), null, raw, 0);
        }
        int replayCount = 0;
        if (node != null && node.isObject() && node.has("error_type") && node.path("payload").isTextual()) {
            JsonNode count = node.get("replay_count");
            if (count != null && !count.isNull() && !(count.canConvertToInt() && count.isIntegralNumber()
                    && count.asInt() >= 0 && count.asInt() <= BronzeFields.MAX_REPLAY_COUNT)) {
                return Validation.invalid("field 'replay_count' must be an integer from 0 to " + BronzeFields.MAX_REPLAY_COUNT, null, raw, 0);
            }
            replayCount = count == null ? 0 : count.asInt(0);
            raw = node.get("payload").asText();
            if ("base64".equals(node.path("payload_encoding").asText(null))) {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(raw);
                } catch (IllegalArgumentException e) {
                    return Validation.invalid("field 'payload' is not base64 although payload_encoding says so", null, raw, replayCount);
                }
                raw = RawBody.of(bytes);
                if (RawBody.isNotUtf8(raw)) return notUtf8(raw, replayCount);
            }
            size = sizeProblem(raw);
            if (size != null) return Validation.invalid(size, null, raw, replayCount);
            try {
                node = Json.MAPPER.readTree(raw);
            } catch (Exception e) {
                return Validation.invalid("not valid JSON: " + firstLine(e.getMessage()), null, raw, replayCount);
            }
        }
        if (node == null || !node.isObject()) {
            return Validation.invalid("not a JSON object", null, raw, replayCount);
        }
        ObjectNode obj = (ObjectNode) node;
        String source = safeSource(obj);
        String problem = checkStrings(obj, null, BronzeFields.TOP);
        if (problem == null) problem = checkObject(obj, "playlist", BronzeFields.PLAYLIST);
        if (problem == null) problem = checkObject(obj, "hints", BronzeFields.HINTS);
        if (problem == null) problem = checkPosition(obj.get("playlist"));
        if (problem != null) return Validation.invalid(problem, source, raw, replayCount);

        BronzeRecord record;
        try {
            record = Json.MAPPER.treeToValue(obj, BronzeRecord.class);
        } catch (JsonMappingException e) {
            if ("scraped_at".equals(path(e))) {
                return Validation.invalid("field 'scraped_at' is not an ISO-8601 instant", source, raw, replayCount);
            }
            String field = e.getPath().isEmpty() ? "" : " at '" + path(e) + "'";
            return Validation.invalid("schema mismatch" + field + ": " + firstLine(e.getOriginalMessage()), source, raw, replayCount);
        } catch (Exception e) {
            return Validation.invalid("schema mismatch: " + firstLine(e.getMessage()), source, raw, replayCount);
        }
        Instant scraped = record.scrapedAt();
        if (scraped.isBefore(EARLIEST_SCRAPE) || scraped.isAfter(now.plus(FUTURE_SLACK))) {
            return Validation.invalid("field 'scraped_at' is out of range (" + EARLIEST_SCRAPE + " to now + 1 day)", source, raw, replayCount);
        }
        TrackIdentity identity = TrackIdentity.parse(record.artist(), record.title());
        Integer position = record.playlist() == null ? null : record.playlist().position();
        String bronzeKey = TrackIds.bronzeKey(record.source(), record.sourceUrl(), record.sourceTrackId(), position, record.artist(), record.title());
        boolean unidentified = TrackIds.isUnidentified(record.artist(), record.title(), identity);
        String trackId = unidentified ? TrackIds.unidentifiedTrackId(bronzeKey) : TrackIds.trackId(identity);
        return Validation.ok(new BronzeMessage(record, raw, bronzeKey, trackId, identity, unidentified, replayCount));
    }

    private static Validation notUtf8(String marked, int replayCount) {
        byte[] bytes = Base64.getDecoder().decode(RawBody.base64(marked));
        return Validation.invalid("body is not valid UTF-8 (first bad " + RawBody.firstBadByte(bytes) + "); payload kept as base64",
                null, marked, replayCount);
    }

    private static String sizeProblem(String raw) {
        if (raw.length() <= BronzeFields.MAX_MESSAGE_BYTES / 3) return null;
        int bytes = raw.length() > BronzeFields.MAX_MESSAGE_BYTES ? raw.length() : InputText.utf8Length(raw);
        if (bytes <= BronzeFields.MAX_MESSAGE_BYTES) return null;
        return "message is over the size limit of " + BronzeFields.MAX_MESSAGE_BYTES + " bytes (" + (raw.length() > BronzeFields.MAX_MESSAGE_BYTES ? "at least " : "") + bytes + ")";
    }

    private static String checkObject(ObjectNode parent, String name, List<BronzeFields.Spec> specs) {
        JsonNode v = parent.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isObject()) return "field '" + name + "' must be an object";
        return checkStrings((ObjectNode) v, name, specs);
    }

    /** Checks each string field and replaces cleaned ones in the tree, so the record is built from clean text. */
    private static String checkStrings(ObjectNode obj, String parent, List<BronzeFields.Spec> specs) {
        for (BronzeFields.Spec spec : specs) {
            JsonNode v = obj.get(spec.name());
            String path = spec.path();
            boolean required = parent == null && REQUIRED.contains(spec.name());
            if (v == null || v.isNull()) {
                if (required || (parent == null && spec.name().equals("artist"))) return "missing field '" + path + "'";
                continue;
            }
            if (!v.isTextual()) return "field '" + path + "' must be a string";
            String s = v.asText();
            String problem = InputText.problem(s, spec.maxBytes(), spec.cleaned());
            if (problem != null) return "field '" + path + "' " + problem;
            if (spec.cleaned()) {
                String clean = InputText.clean(s, spec.maxBytes());
                // an empty artist is how MixesDB writes "?" rows: valid, and unidentified
                if (clean == null && !required) clean = "";
                if (clean != null && !clean.equals(s)) obj.put(spec.name(), clean);
                s = clean == null ? "" : clean;
            }
            if (required && s.isBlank()) return "field '" + path + "' is empty";
        }
        return null;
    }

    private static String checkPosition(JsonNode playlist) {
        if (playlist == null || !playlist.isObject()) return null;
        JsonNode p = playlist.get("position");
        if (p == null || p.isNull()) return null;
        if (!p.isIntegralNumber() || !p.canConvertToInt() || p.asInt() < 0 || p.asInt() > BronzeFields.MAX_POSITION) {
            return "field 'playlist.position' must be an integer from 0 to " + BronzeFields.MAX_POSITION;
        }
        return null;
    }

    /** The source for metric labels and headers: only a value that itself passes the rules. */
    private static String safeSource(ObjectNode obj) {
        JsonNode v = obj.get("source");
        if (v == null || !v.isTextual()) return null;
        String s = v.asText();
        return InputText.problem(s, 64, false) == null ? s : null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (b.length() > 0) b.append('.');
            b.append(r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()));
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // parser messages quote the input: keep the reason short, whatever the input was
        return InputText.clean(line, 300) == null ? "" : InputText.clean(line, 300);
    }
}
