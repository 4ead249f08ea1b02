package io.songnodes.jobs.bronzetosilver.bad;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.songnodes.bronze.BronzeFields;
import io.songnodes.json.Json;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import io.songnodes.testing.TracklistFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded generator of adversarial bronze messages: every class of bad input the validator knows, mixed with
 * valid records (real kit rows, moved to unique URLs so every valid message has its own bronze key). Each
 * message says where it must end: in silver, or in the DLQ with a reason containing {@code expect}.
 */
public final class AdversarialBronze {
    /** One generated message; {@code expect} is null for silver, else a fragment its dead letter's reason must contain. */
    public record Message(String cls, byte[] body, String expect) {
        public boolean toSilver() { return expect == null; }
    }

    public static final List<String> CLASSES = List.of(
            "valid", "valid-unidentified", "cleaned-controls", "long-key", "whitespace-run", "nul", "control-in-identifier",
            "lone-surrogate", "field-too-long", "message-too-large", "not-utf8", "scraped-at-range", "scraped-at-overflow",
            "scraped-at-unparseable", "position-range", "wrong-type", "not-json", "not-object", "missing-field", "deep-nesting",
            "huge-source");

    private final Random random;
    private final List<BronzeRecord> kit;
    private int serial;

    public AdversarialBronze(long seed) {
        random = new Random(seed);
        kit = new ArrayList<>();
        TracklistFixtures.load1001(TracklistFixtures.files1001().get(0)).forEach(r -> kit.add(r.bronze()));
        TracklistFixtures.load1001(TracklistFixtures.files1001().get(2)).forEach(r -> kit.add(r.bronze()));
    }

    /** {@code n} messages, every class at least once, then classes drawn at random (valid ones weighted up). */
    public List<Message> generate(int n) {
        List<Message> out = new ArrayList<>();
        for (String c : CLASSES) out.add(of(c));
        while (out.size() < n) {
            String c = random.nextInt(3) == 0 ? "valid" : CLASSES.get(random.nextInt(CLASSES.size()));
            out.add(of(c));
        }
        java.util.Collections.shuffle(out, random);
        return out;
    }

    private ObjectNode base() {
        BronzeRecord r = kit.get(random.nextInt(kit.size()));
        ObjectNode n = (ObjectNode) Json.MAPPER.valueToTree(r);
        int id = serial++;
        n.put("source_url", r.sourceUrl() + "#gen" + id);
        ObjectNode p = n.with("playlist");
        p.put("source_playlist_id", "gen-" + (id % 40));
        p.put("position", id % 500);
        n.put("scraped_at", "2025-06-01T12:00:00Z");
        return n;
    }

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static byte[] json(ObjectNode n) { return utf8(Json.write(n)); }

    Message of(String cls) {
        ObjectNode n = base();
        switch (cls) {
            case "valid": return new Message(cls, json(n), null);
            case "valid-unidentified": n.put("artist", "ID"); n.put("title", "ID"); return new Message(cls, json(n), null);
            case "cleaned-controls": n.put("title", n.get("title").asText() + "\t\n\u0007"); n.with("playlist").put("dj", "DJ\r\nName"); return new Message(cls, json(n), null);
            case "long-key": n.put("source_url", "https://www.1001tracklists.com/" + "k".repeat(1_900) + serial); n.with("playlist").remove("source_playlist_id"); return new Message(cls, json(n), null);
            case "whitespace-run": n.put("title", " \t ".repeat(250) + n.get("title").asText() + " ".repeat(40)); return new Message(cls, json(n), null);
            case "nul": {
                String field = List.of("title", "artist", "playlist.name").get(random.nextInt(3));
                if (field.startsWith("playlist.")) n.with("playlist").put("name", "Set\u0000"); else n.put(field, "x\u0000y");
                return new Message(cls, json(n), "field '" + field + "' contains a NUL");
            }
            case "control-in-identifier": n.put("source_url", "https://x/\u001by" + serial); return new Message(cls, json(n), "field 'source_url' contains control character");
            case "lone-surrogate": return new Message(cls, utf8(Json.write(n).replace("\"title\":\"", "\"title\":\"\\udc00")), "field 'title' contains a lone surrogate");
            case "field-too-long": {
                BronzeFields.Spec s = BronzeFields.TOP.get(random.nextInt(5));
                String v = "ü".repeat(s.maxBytes() / 2 + 1);
                if (s.name().equals("source")) n.put("source", v); else n.put(s.name(), v);
                return new Message(cls, json(n), "field '" + s.path() + "' is ");
            }
            case "message-too-large": n.put("comment", "z".repeat(BronzeFields.MAX_MESSAGE_BYTES)); return new Message(cls, json(n), "message is over the size limit");
            case "not-utf8": {
                byte[] b = json(n);
                b[5 + random.nextInt(b.length - 10)] = (byte) 0xC3;
                b[b.length - 3] = (byte) 0xFF;
                return new Message(cls, b, "body is not valid UTF-8");
            }
            case "scraped-at-range": n.put("scraped_at", List.of("+300000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2999-01-01T00:00:00Z").get(random.nextInt(3))); return new Message(cls, json(n), "field 'scraped_at' is out of range");
            case "scraped-at-overflow": n.put("scraped_at", "+1000000000-12-31T23:59:59Z"); return new Message(cls, json(n), "field 'scraped_at' is out of range");
            case "scraped-at-unparseable": n.put("scraped_at", List.of("yesterday", "+9999999999-01-01T00:00:00Z", "2025-13-45T99:00:00Z").get(random.nextInt(3))); return new Message(cls, json(n), "field 'scraped_at' is not an ISO-8601 instant");
            case "position-range": {
                String v = List.of("-1", "2147483648", "1e30", "3.5", "100000").get(random.nextInt(5));
                return new Message(cls, utf8(Json.write(n).replaceFirst("\"position\":\\d+", "\"position\":" + v)), "field 'playlist.position' must be an integer");
            }
            case "wrong-type": {
                int k = random.nextInt(3);
                if (k == 0) { n.put("playlist", "not an object"); return new Message(cls, json(n), "field 'playlist' must be an object"); }
                if (k == 1) { n.putArray("title").add(1); return new Message(cls, json(n), "field 'title' must be a string"); }
                n.putObject("hints").put("isrc", 12); return new Message(cls, json(n), "field 'hints.isrc' must be a string");
            }
            case "not-json": return new Message(cls, utf8("{\"source\": \"1001tracklists\", oops " + serial++), "not valid JSON");
            case "not-object": return new Message(cls, utf8("[" + serial++ + ",\"x\"]"), "not a JSON object");
            case "missing-field": n.remove("scraped_at"); return new Message(cls, json(n), "missing field 'scraped_at'");
            case "deep-nesting": return new Message(cls, utf8("[".repeat(5_000) + serial++ + "]".repeat(5_000)), "not valid JSON");
            case "huge-source": n.put("source", "s".repeat(60_000)); return new Message(cls, json(n), "field 'source' is 60000 bytes");
            default: throw new IllegalArgumentException(cls);
        }
    }

    /** The dead-letter envelope id the job derives for a refused body (the id ties a dead letter to its input). */
    public static String envelopeId(String queue, byte[] body) {
        String payload = io.songnodes.bronze.RawBody.of(body);
        if (io.songnodes.bronze.RawBody.isNotUtf8(payload)) payload = io.songnodes.bronze.RawBody.base64(payload);
        return DeadLetter.firstFailure(ErrorType.VALIDATION, "", null, null, "", 0, queue, payload, Instant.EPOCH).id();
    }
}
