package io.songnodes.enrich.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Field readers shared by the parsers: versions, key names, durations, Retry-After, Discogs names. */
class FieldsTest {
    @Test
    void versionsAreTakenOnlyFromSuffixesThatNameAVersion() {
        assertThat(Fields.versionFromTitle("Come With Me - Radio Edit")).isEqualTo("Radio Edit");
        assertThat(Fields.versionFromTitle("Come With Me (Extended Mix)")).isEqualTo("Extended Mix");
        assertThat(Fields.versionFromTitle("Strobe [Club Edit]")).isEqualTo("Club Edit");
        assertThat(Fields.versionFromTitle("Wanna Know Remix (feat. Drake)")).isNull();
        assertThat(Fields.versionFromTitle("Blow Your Mind (Mwah)")).isNull();
        assertThat(Fields.versionFromTitle("Ship-Scope")).isNull();
        assertThat(Fields.versionLabel("explicit")).isNull();
        assertThat(Fields.versionLabel("(VIP)")).isEqualTo("VIP");
    }

    @Test
    void keyNamesParseInTheSpellingsProvidersUse() {
        assertThat(Fields.parseKeyName("A Major")).containsExactly(9, 1);
        assertThat(Fields.parseKeyName("Gb Minor")).containsExactly(6, 0);
        assertThat(Fields.parseKeyName("c# minor")).containsExactly(1, 0);
        assertThat(Fields.parseKeyName("F#m")).containsExactly(6, 0);
        assertThat(Fields.parseKeyName("Gmin")).containsExactly(7, 0);
        assertThat(Fields.parseKeyName("Db major")).containsExactly(1, 1);
        assertThat(Fields.parseKeyName("Cb Major")).containsExactly(11, 1);
        assertThat(Fields.parseKeyName("8A")).isNull();
        assertThat(Fields.pitchClass("B", true, false)).isEqualTo(0);
    }

    @Test
    void clockDurations() {
        assertThat(Fields.clockMs("4:45")).isEqualTo(285000);
        assertThat(Fields.clockMs("1:02:03")).isEqualTo(3723000);
        assertThat(Fields.clockMs("")).isNull();
        assertThat(Fields.clockMs("n/a")).isNull();
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T04:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("13", clock)).isEqualTo(Duration.ofSeconds(13));
        assertThat(RetryAfter.parse("0", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 04:00:30 GMT", clock)).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Mon, 23 Nov 2026 03:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }

    @Test
    void discogsNamesAndDates() {
        assertThat(DiscogsParser.name("Persuader, The")).isEqualTo("The Persuader");
        assertThat(DiscogsParser.name("Global Underground (3)")).isEqualTo("Global Underground");
        assertThat(DiscogsParser.releaseDate("1999-03-00", 1999)).isEqualTo("1999-03");
        assertThat(DiscogsParser.releaseDate("1999-00-00", 1999)).isEqualTo("1999");
        assertThat(DiscogsParser.releaseDate(null, 0)).isNull();
    }

    @Test
    void safeUriMasksCredentialParametersOnly() {
        assertThat(SafeUri.of(java.net.URI.create("https://ws.audioscrobbler.com/2.0/?method=track.getInfo&artist=A&api_key=abc123&format=json")))
                .isEqualTo("https://ws.audioscrobbler.com/2.0/?method=track.getInfo&artist=A&api_key=***&format=json");
        assertThat(SafeUri.of(java.net.URI.create("https://api.discogs.com/database/search?q=x&token=t0k")))
                .isEqualTo("https://api.discogs.com/database/search?q=x&token=***");
        assertThat(SafeUri.of(java.net.URI.create("https://api.deezer.com/track/isrc:GBDUW0000059")))
                .isEqualTo("https://api.deezer.com/track/isrc:GBDUW0000059");
    }

    @Test
    void providerValuesAreCleanedLikeBronzeInput() throws Exception {
        var node = io.songnodes.json.Json.MAPPER.readTree("{\"label\":\"Arm\\u0000ada\\tMusic\",\"long\":\"" + "é".repeat(2_000)
                + "\",\"genres\":[\"trance\\u0000\",\"\\u0000\",\"house\"],\"bpm\":\"NaN\",\"big\":1e400,\"dur\":1e12}");
        assertThat(Fields.text(node, "label")).isEqualTo("Arm ada Music");
        assertThat(Fields.text(node, "long").getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(Fields.MAX_TEXT_BYTES);
        assertThat(Fields.texts(node.path("genres"), null)).containsExactly("trance", "house");
        assertThat(Fields.number(node, "bpm")).isNull();
        assertThat(Fields.number(node, "big")).isNull();
        assertThat(Fields.positiveInt(node, "dur")).isNull();
    }
}
