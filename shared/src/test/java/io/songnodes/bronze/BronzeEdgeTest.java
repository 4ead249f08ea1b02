package io.songnodes.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.identity.TextNormalizer;
import io.songnodes.identity.TrackIdentity;
import io.songnodes.identity.TrackIds;
import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The validator at the edge: every class of bad input is refused naming its field, or cleaned, never passed on. */
class BronzeEdgeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final String OK = "{\"source\":\"mixesdb\",\"source_url\":\"https://www.mixesdb.com/w/x\",\"artist\":\"Feral\","
            + "\"title\":\"Brahma\",\"scraped_at\":\"2025-10-10T12:00:00Z\",\"playlist\":{\"position\":4,\"name\":\"Set\"},"
            + "\"hints\":{\"isrc\":\"GBAAA0000001\"}}";

    private static String reason(String raw) {
        Validation v = BronzeValidator.validate(raw, NOW);
        assertThat(v.isValid()).as(raw.length() > 200 ? raw.substring(0, 200) : raw).isFalse();
        return v.reason();
    }

    private static String with(String field, String jsonValue) {
        return OK.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+)", java.util.regex.Matcher.quoteReplacement("\"" + field + "\":" + jsonValue));
    }

    @Test
    void nulIsRefusedInEveryFieldAndNamed() {
        assertThat(reason(with("title", "\"Bra\\u0000hma\""))).isEqualTo("field 'title' contains a NUL character at index 3");
        assertThat(reason(with("artist", "\"\\u0000\""))).startsWith("field 'artist' contains a NUL");
        assertThat(reason(with("source", "\"mix\\u0000esdb\""))).startsWith("field 'source' contains a NUL");
        assertThat(reason(with("name", "\"S\\u0000\""))).startsWith("field 'playlist.name' contains a NUL");
        assertThat(reason(with("isrc", "\"GB\\u0000\""))).startsWith("field 'hints.isrc' contains a NUL");
    }

    @Test
    void controlsAreCleanedInFreeTextAndRefusedInIdentifiers() {
        Validation v = BronzeValidator.validate(with("title", "\"Brahma\\t(Extended\\nMix)\\u0007\""), NOW);
        assertThat(v.isValid()).isTrue();
        assertThat(v.message().record().title()).isEqualTo("Brahma (Extended Mix)");
        // bronze keeps the record exactly as it arrived
        assertThat(v.message().raw()).contains("\\t(Extended\\nMix)");
        assertThat(v.message().trackId()).isEqualTo(BronzeValidator.validate(with("title", "\"Brahma (Extended Mix)\""), NOW).message().trackId());
        assertThat(reason(with("source_url", "\"https://x/\\ny\""))).isEqualTo("field 'source_url' contains control character U+000A at index 10");
        assertThat(reason(with("scraped_at", "\"2025-10-10T12:00:00Z\\u001b\""))).startsWith("field 'scraped_at' contains control character U+001B");
        assertThat(reason(with("title", "\"\\t\\n \""))).isEqualTo("field 'title' is empty");
    }

    @Test
    void loneSurrogatesAreRefused() {
        assertThat(reason(with("title", "\"a\\ud800b\""))).isEqualTo("field 'title' contains a lone surrogate at index 1");
        assertThat(BronzeValidator.validate(with("title", "\"\\ud83c\\udfb5 Song\""), NOW).isValid()).isTrue();
    }

    @Test
    void everyStringFieldHasAByteLimit() throws Exception {
        for (var specs : java.util.List.of(BronzeFields.TOP, BronzeFields.PLAYLIST, BronzeFields.HINTS)) {
            for (BronzeFields.Spec spec : specs) {
                if (spec.name().equals("scraped_at")) continue;
                // multi-byte characters: the limit is in bytes, not characters
                String value = "é".repeat(spec.maxBytes() / 2 + 1);
                com.fasterxml.jackson.databind.node.ObjectNode tree = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(OK);
                (spec.parent() == null ? tree : (com.fasterxml.jackson.databind.node.ObjectNode) tree.get(spec.parent())).put(spec.name(), value);
                String raw = Json.MAPPER.writeValueAsString(tree);
                Validation v = BronzeValidator.validate(raw, NOW);
                assertThat(v.reason()).as(spec.path()).isEqualTo("field '" + spec.path() + "' is " + (spec.maxBytes() / 2 + 1) * 2
                        + " bytes, over the limit of " + spec.maxBytes());
            }
        }
    }

    @Test
    void totalSizeIsLimitedBeforeParsing() {
        String big = OK.replace("\"hints\"", "\"junk\":\"" + "x".repeat(BronzeFields.MAX_MESSAGE_BYTES) + "\",\"hints\"");
        assertThat(reason(big)).startsWith("message is over the size limit of 65536 bytes");
    }

    @Test
    void scrapedAtMustBeSaneAndNeverOverflows() {
        assertThat(reason(with("scraped_at", "\"+300000-01-01T00:00:00Z\""))).isEqualTo("field 'scraped_at' is out of range (1990-01-01T00:00:00Z to now + 1 day)");
        assertThat(reason(with("scraped_at", "\"+1000000000-12-31T23:59:59Z\""))).startsWith("field 'scraped_at' is out of range");
        assertThat(reason(with("scraped_at", "\"+9999999999-01-01T00:00:00Z\""))).isEqualTo("field 'scraped_at' is not an ISO-8601 instant");
        assertThat(reason(with("scraped_at", "\"1989-12-31T23:59:59Z\""))).startsWith("field 'scraped_at' is out of range");
        assertThat(reason(with("scraped_at", "\"2026-01-02T00:00:01Z\""))).startsWith("field 'scraped_at' is out of range");
        assertThat(BronzeValidator.validate(with("scraped_at", "\"2026-01-01T23:00:00Z\""), NOW).isValid()).isTrue();
    }

    @Test
    void positionsAreBoundedIntegers() {
        for (String bad : new String[] {"-1", "10001", "1e20", "99999999999", "2.5", "\"4\"", "true"}) {
            assertThat(reason(with("position", bad))).as(bad).isEqualTo("field 'playlist.position' must be an integer from 0 to 10000");
        }
        assertThat(BronzeValidator.validate(with("position", "0"), NOW).isValid()).isTrue();
        assertThat(reason(OK.replace("\"playlist\":{\"position\":4,\"name\":\"Set\"}", "\"playlist\":[1]"))).isEqualTo("field 'playlist' must be an object");
        assertThat(reason(OK.replace("\"hints\":{\"isrc\":\"GBAAA0000001\"}", "\"hints\":\"x\""))).isEqualTo("field 'hints' must be an object");
        assertThat(reason(with("isrc", "7"))).isEqualTo("field 'hints.isrc' must be a string");
    }

    @Test
    void bodyThatIsNotUtf8BecomesADeadLetterKeepingItsBytes() throws Exception {
        byte[] body = (OK.substring(0, 40) + "\u00ff").getBytes(StandardCharsets.ISO_8859_1);
        String raw = RawBody.of(body);
        Validation v = BronzeValidator.validate(raw, NOW);
        assertThat(v.reason()).isEqualTo("body is not valid UTF-8 (first bad byte 40); payload kept as base64");
        DeadLetter d = v.deadLetter("bronze-to-silver", "q", NOW);
        assertThat(d.payloadIsBase64()).isTrue();
        assertThat(Base64.getDecoder().decode(d.payload())).isEqualTo(body);
        DeadLetter back = Json.read(Json.write(d), DeadLetter.class);
        assertThat(back).isEqualTo(d);
        assertThat(Json.write(d)).contains("\"payload_encoding\":\"base64\"");
        // replayed, it is refused again with its bytes intact, never repaired
        Validation again = BronzeValidator.validate(Json.write(d.replayed()), NOW);
        assertThat(again.reason()).startsWith("body is not valid UTF-8");
        assertThat(Base64.getDecoder().decode(again.deadLetter("bronze-to-silver", "q", NOW).payload())).isEqualTo(body);
        assertThat(again.deadLetter("bronze-to-silver", "q", NOW).replayCount()).isEqualTo(1);
        // a valid body passes through unchanged, and a text envelope has no encoding
        assertThat(RawBody.of(OK.getBytes(StandardCharsets.UTF_8))).isEqualTo(OK);
        assertThat(Json.write(DeadLetter.firstFailure(ErrorType.VALIDATION, "r", null, null, "j", 1, "q", OK, NOW))).doesNotContain("payload_encoding");
    }

    @Test
    void replayEnvelopeWithBadCountIsRefused() {
        DeadLetter d = DeadLetter.firstFailure(ErrorType.VALIDATION, "r", null, null, "j", 1, "q", OK, NOW);
        String env = Json.write(d).replace("\"replay_count\":0", "\"replay_count\":-5");
        assertThat(reason(env)).isEqualTo("field 'replay_count' must be an integer from 0 to 1000000");
    }

    @Test
    void derivedKeysAreBoundedWhateverTheInput() {
        String url = "https://www.mixesdb.com/w/" + "x".repeat(2_000);
        Validation v = BronzeValidator.validate(with("source_url", "\"" + url + "\""), NOW);
        assertThat(v.isValid()).isTrue();
        assertThat(v.message().bronzeKey().length()).isLessThan(600);
        assertThat(io.songnodes.flink.jdbc.SilverStatements.playlistId(v.message()).length()).isLessThan(100);
        String title = "T".repeat(999);
        Validation t = BronzeValidator.validate(with("title", "\"" + title + "\"").replace(",\"hints\"", ",\"source_track_id\":\"" + "9".repeat(250) + "\",\"hints\""), NOW);
        assertThat(t.message().bronzeKey().getBytes(StandardCharsets.UTF_8).length).isLessThan(700);
        // short parts are kept as they were, so existing keys do not change
        assertThat(TrackIds.bounded("https://www.mixesdb.com/w/x")).isEqualTo("https://www.mixesdb.com/w/x");
    }

    /** A 1 MB field of whitespace and separators: refused or handled in well under 100 ms (printed, not asserted tight). */
    @Test
    void pathologicalMegabyteFieldIsHandledFast() {
        String ws = " \t ".repeat(350_000);
        String seps = " - ( [ ft. , & x ".repeat(60_000) + "[";
        String msg = OK.replace("\"Brahma\"", "\"" + ws.replace("\t", "\\t") + "\"");
        long t0 = System.nanoTime();
        Validation v = BronzeValidator.validate(msg, NOW);
        long validate = System.nanoTime() - t0;
        assertThat(v.reason()).startsWith("message is over the size limit");

        TrackIdentity.parse(seps, seps); // warm-up, so the print is the steady cost
        t0 = System.nanoTime();
        TrackIdentity id1 = TrackIdentity.parse(ws, ws + "x");
        TrackIdentity id2 = TrackIdentity.parse(seps, seps);
        boolean unk = TrackIds.isUnidentified(seps, ws + "[", id2);
        long parse = System.nanoTime() - t0;
        t0 = System.nanoTime();
        String n = TextNormalizer.normalize(seps);
        long normalize = System.nanoTime() - t0;
        System.out.printf("1 MB pathological field: validate %.1f ms, identity parse (2 x 2 fields + unidentified check) %.1f ms, normalize %.1f ms%n",
                validate / 1e6, parse / 1e6, normalize / 1e6);
        assertThat(id1.baseTitle()).isEmpty();
        assertThat(id2).isNotNull();
        assertThat(unk || !unk).isTrue();
        assertThat(n).isNotEmpty();
        // a generous bound: the point is the printed time, this only catches a return of the quadratic blow-up
        assertThat((validate + parse + normalize) / 1e9).isLessThan(1.0);
    }
}
