package io.songnodes.flink.types;

import static io.songnodes.testing.FlinkTypes.genericParts;
import static io.songnodes.testing.FlinkTypes.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.bronze.BronzeMessage;
import io.songnodes.bronze.BronzeValidator;
import io.songnodes.bronze.PendingSilver;
import io.songnodes.flink.rabbit.Outbound;
import io.songnodes.model.BronzeRecord;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.EnrichmentStatus;
import io.songnodes.model.ErrorType;
import io.songnodes.model.FieldValue;
import io.songnodes.model.SilverTrack;
import io.songnodes.model.SilverTrackBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** The contract types that cross operators or live in state have Flink serializers (no Kryo) that read back what they wrote. */
class ContractSerializersTest {
    private static final Instant AT = Instant.parse("2025-10-10T12:00:00.123456789Z");

    static final String BRONZE = """
            {"source":"1001tracklists","source_url":"https://www.1001tracklists.com/tracklist/1r4qp141/","source_track_id":"2utv5v05",
             "artist":"Cosmic Gate ft. Forêt","title":"Need To Feel Loved (Extended Mix)",
             "playlist":{"source_playlist_id":"1r4qp141","name":"ASOT","dj":"Cosmic Gate","date":"2019-07-28","position":3,"cue":"14:18"},
             "hints":{"beatport_id":"11557238"},"scraped_at":"2025-10-10T12:00:00Z","scraper_version":"2.0.0",
             "crawler":{"node":7,"tags":["a",null,1.5,true],"big":123456789012345678901234567890},"note":null}""";

    static BronzeMessage message() {
        BronzeMessage m = BronzeValidator.validate(BRONZE).message();
        assertThat(m).isNotNull();
        return m.firstFailedAt(AT);
    }

    @Test
    void recordsArePojosAndNothingFallsBackToKryo() {
        for (Class<?> c : List.of(BronzeMessage.class, SilverTrack.class, FieldValue.class, Outbound.class)) {
            TypeInformation<?> t = TypeInformation.of(c);
            assertThat(t).as(c.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            assertThat(genericParts(t)).as(c.getSimpleName()).isEmpty();
        }
        assertThat(TypeInformation.of(BronzeRecord.class)).isSameAs(BronzeRecordSerializer.TYPE);
    }

    @Test
    void aBronzeMessageWithUnknownFieldsRoundTrips() throws Exception {
        BronzeMessage m = message();
        assertThat(m.record().extra()).containsKeys("crawler", "note");
        BronzeMessage back = roundTrip(TypeInformation.of(BronzeMessage.class), m);
        assertThat(back.record().extra()).isEqualTo(m.record().extra());
        assertThat(back.identity().featuredArtists()).isEqualTo(m.identity().featuredArtists()).isNotEmpty();
        assertThat(back.firstFailedAt()).isEqualTo(AT);
    }

    @Test
    void aBronzeRecordWithoutOptionalPartsRoundTrips() throws Exception {
        roundTrip(BronzeRecordSerializer.TYPE, new BronzeRecord("mixesdb", "u", null, "", "t", null, null, null, null));
    }

    @Test
    void aSilverRowWithProvenanceOfEveryValueKindRoundTrips() throws Exception {
        SilverTrackBuilder b = PendingSilver.identity(message());
        b.bpm = 128.0;
        b.durationMs = 545_377;
        b.genres = List.of("trance", "progressive");
        b.enrichmentStatus = EnrichmentStatus.PARTIAL;
        b.dataQualityScore = 0.75;
        b.provenance.put("bpm", new FieldValue(128.0, "beatport", "123", 0.93, AT, "bpm[0]"));
        b.provenance.put("genre", new FieldValue(List.of("trance", "progressive"), "discogs", null, 0.7, null, "genre[append]"));
        b.provenance.put("duration_ms", new FieldValue(545_377, "spotify", "x", 1.0, AT, "duration_ms[0]"));
        b.provenance.put("explicit", new FieldValue(false, "deezer", "9", 0.9, AT, "r"));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("n", 12_345_678_901L);
        nested.put("none", null);
        b.provenance.put("nested", new FieldValue(nested, "lastfm", "m", 0.61, AT, "r"));
        b.providerEnrichedAt.put("beatport", AT);
        b.lastEnrichedAt = AT;
        roundTrip(TypeInformation.of(SilverTrack.class), b.build());
        roundTrip(TypeInformation.of(SilverTrack.class), PendingSilver.of(message()));
    }

    @Test
    void anOutboundDeadLetterWithHeadersRoundTrips() throws Exception {
        DeadLetter d = DeadLetter.firstFailure(ErrorType.VALIDATION, "title: missing", null, "title", "bronze-to-silver", 1,
                "songnodes.bronze.tracks", BRONZE, AT);
        Outbound o = Outbound.toQueue("songnodes.dlq", io.songnodes.json.Json.write(d), d.amqpHeaders("1001tracklists"), d.id());
        assertThat(o.headers()).isNotEmpty();
        Outbound back = roundTrip(TypeInformation.of(Outbound.class), o);
        assertThat(back.headers()).isEqualTo(o.headers());
        roundTrip(TypeInformation.of(Outbound.class), new Outbound("x", "", "{}", null, "id", "id"));
    }
}
