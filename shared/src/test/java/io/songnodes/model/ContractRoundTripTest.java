package io.songnodes.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.songnodes.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractRoundTripTest {

    private static final String CONTRACT_BRONZE = """
            {"source":"1001tracklists","source_url":"https://www.1001tracklists.com/tracklist/1r4qp141/",
             "source_track_id":"2utv5v05","artist":"Cosmic Gate & Forêt","title":"Need To Feel Loved (Extended Mix)",
             "playlist":{"source_playlist_id":"1r4qp141","name":"Cosmic Gate @ ASOT Stage, Tomorrowland Weekend 2",
               "dj":"Cosmic Gate","event":"Tomorrowland","date":"2019-07-28","position":3,"cue":"14:18"},
             "hints":{"spotify_id":null,"isrc":null,"beatport_id":"11557238","musicbrainz_id":null},
             "scraped_at":"2025-10-10T12:00:00Z","scraper_version":"2.0.0","crawler_host":"eu-1"}""";

    @Test
    void bronzeRecordKeepsUnknownFieldsAndRoundTrips() throws Exception {
        BronzeRecord r = Json.read(CONTRACT_BRONZE, BronzeRecord.class);
        assertThat(r.playlist().position()).isEqualTo(3);
        assertThat(r.hints().beatportId()).isEqualTo("11557238");
        assertThat(r.scrapedAt()).isEqualTo(Instant.parse("2025-10-10T12:00:00Z"));
        assertThat(r.extra()).containsEntry("crawler_host", "eu-1");
        String again = Json.write(r);
        assertThat(Json.read(again, BronzeRecord.class)).isEqualTo(r);
        assertThat(Json.MAPPER.readTree(again).get("crawler_host").asText()).isEqualTo("eu-1");
    }

    @Test
    void deadLetterUsesTheContractFieldNamesAndHeaders() throws Exception {
        Instant t = Instant.parse("2025-10-10T12:00:03Z");
        DeadLetter d = DeadLetter.firstFailure(ErrorType.PROVIDER_TRANSIENT, "503 from musicbrainz", "musicbrainz", "bpm",
                "bronze-to-silver", 3, "songnodes.bronze.tracks", "not { json", t);
        JsonNode n = Json.MAPPER.readTree(Json.write(d));
        assertThat(n.get("error_type").asText()).isEqualTo("provider_transient");
        assertThat(n.get("payload").asText()).isEqualTo("not { json");
        assertThat(n.get("first_failed_at").asText()).isEqualTo("2025-10-10T12:00:03Z");
        assertThat(n.get("replay_count").asInt()).isZero();
        assertThat(Json.read(Json.write(d), DeadLetter.class)).isEqualTo(d);
        assertThat(d.replayed().replayCount()).isEqualTo(1);
        assertThat(d.replayed().id()).isEqualTo(d.id());
        assertThat(d.amqpHeaders("mixesdb")).containsEntry("x-error-type", "provider_transient")
                .containsEntry("x-provider", "musicbrainz").containsEntry("x-replay-count", 0)
                .containsEntry("x-original-queue", "songnodes.bronze.tracks")
                .containsEntry("x-first-failed-at", "2025-10-10T12:00:03Z").containsEntry("x-source", "mixesdb");
        // a re-run of the same failure produces the same envelope id, so consumers can dedupe
        assertThat(DeadLetter.firstFailure(ErrorType.PROVIDER_TRANSIENT, "again", null, null, "bronze-to-silver", 1,
                "songnodes.bronze.tracks", "not { json", t.plusSeconds(5)).id()).isEqualTo(d.id());
    }

    @Test
    void silverTrackCarriesProvenancePerField() throws Exception {
        SilverTrackBuilder b = new SilverTrackBuilder();
        b.trackId = "trk_1"; b.artist = "Cosmic Gate"; b.title = "Come With Me"; b.bpm = 127.995;
        b.genres = List.of("trance"); b.enrichmentStatus = EnrichmentStatus.PARTIAL;
        b.provenance.put("bpm", new FieldValue(127.995, "beatport", "12069065", 0.93, Instant.parse("2025-10-10T12:00:05Z"), "bpm[0]=beatport"));
        SilverTrack t = b.build();
        String json = Json.write(t);
        JsonNode n = Json.MAPPER.readTree(json);
        assertThat(n.at("/provenance/bpm/provider").asText()).isEqualTo("beatport");
        assertThat(n.at("/provenance/bpm/provider_record_id").asText()).isEqualTo("12069065");
        assertThat(n.get("enrichment_status").asText()).isEqualTo("partial");
        SilverTrack back = Json.read(json, SilverTrack.class);
        assertThat(back.provenance().get("bpm").confidence()).isEqualTo(0.93);
        assertThat(back.toBuilder().build()).isEqualTo(back);
    }
}
