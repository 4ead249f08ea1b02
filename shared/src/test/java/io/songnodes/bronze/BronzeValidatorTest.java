package io.songnodes.bronze;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BronzeValidatorTest {
    private static final String OK = "{\"source\":\"mixesdb\",\"source_url\":\"https://www.mixesdb.com/w/x\",\"artist\":\"Feral\","
            + "\"title\":\"Brahma [Hypnus - 008]\",\"scraped_at\":\"2025-10-10T12:00:00Z\",\"playlist\":{\"position\":4}}";

    @Test
    void validRecordGetsKeysAndIdentity() {
        Validation v = BronzeValidator.validate(OK);
        assertThat(v.isValid()).isTrue();
        assertThat(v.message().bronzeKey()).isEqualTo("mixesdb|https://www.mixesdb.com/w/x|n:feral|brahma hypnus 008@4");
        assertThat(v.message().trackId()).startsWith("trk_");
        assertThat(v.message().identity().labelSuffix()).isEqualTo("Hypnus - 008");
        assertThat(v.message().raw()).isEqualTo(OK);
    }

    @Test
    void refusalsNameTheProblem() {
        assertThat(BronzeValidator.validate("not json at all").reason()).startsWith("not valid JSON");
        assertThat(BronzeValidator.validate("[1,2]").reason()).isEqualTo("not a JSON object");
        assertThat(BronzeValidator.validate(OK.replace("\"title\":\"Brahma [Hypnus - 008]\",", "")).reason()).isEqualTo("missing field 'title'");
        assertThat(BronzeValidator.validate(OK.replace("\"Brahma [Hypnus - 008]\"", "42")).reason()).isEqualTo("field 'title' must be a string");
        assertThat(BronzeValidator.validate(OK.replace("\"artist\":\"Feral\",", "")).reason()).isEqualTo("missing field 'artist'");
        assertThat(BronzeValidator.validate(OK.replace("2025-10-10T12:00:00Z", "yesterday")).reason()).isEqualTo("field 'scraped_at' is not an ISO-8601 instant");
        assertThat(BronzeValidator.validate(OK.replace("\"title\":\"Brahma [Hypnus - 008]\",", "")).source()).isEqualTo("mixesdb");
    }

    @Test
    void replayedEnvelopeIsUnwrappedAndKeepsItsCount() {
        DeadLetter d = DeadLetter.firstFailure(ErrorType.PROVIDER_TRANSIENT, "503", "musicbrainz", null, "bronze-to-silver", 4,
                "songnodes.bronze.tracks", OK, Instant.parse("2025-10-10T12:00:03Z")).replayed();
        Validation v = BronzeValidator.validate(Json.write(d));
        assertThat(v.isValid()).isTrue();
        assertThat(v.message().raw()).isEqualTo(OK);
        assertThat(v.message().replayCount()).isEqualTo(1);
    }

    @Test
    void aReplayThatFailsAgainKeepsWhenItFirstFailed() {
        Instant first = Instant.parse("2025-10-10T12:00:03Z");
        String bad = OK.replace("2025-10-10T12:00:00Z", "yesterday");
        DeadLetter d = DeadLetter.firstFailure(ErrorType.VALIDATION, "scraped_at", null, null, "bronze-to-silver", 1,
                "songnodes.bronze.tracks", bad, first).replayed();
        Validation v = BronzeValidator.validate(Json.write(d));
        assertThat(v.isValid()).isFalse();
        DeadLetter again = v.deadLetter("bronze-to-silver", "songnodes.bronze.tracks", Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(again.firstFailedAt()).isEqualTo(first);
        assertThat(again.lastFailedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(again.replayCount()).isEqualTo(1);

        // and a valid replay carries the time on, for the enrichment's own dead letter
        DeadLetter ok = DeadLetter.firstFailure(ErrorType.PROVIDER_TRANSIENT, "503", "musicbrainz", null, "bronze-to-silver", 4,
                "songnodes.bronze.tracks", OK, first).replayed();
        assertThat(BronzeValidator.validate(Json.write(ok)).message().firstFailedAt()).isEqualTo(first);
    }
}
