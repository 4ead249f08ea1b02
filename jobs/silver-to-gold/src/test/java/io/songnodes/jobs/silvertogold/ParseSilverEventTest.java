package io.songnodes.jobs.silvertogold;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.json.Json;
import io.songnodes.model.DeadLetter;
import io.songnodes.model.ErrorType;
import java.util.List;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ParseSilverEventTest {
    @Test
    void validEventsBecomeRequestsAndBadOnesGoToTheSideOutput() throws Exception {
        try (OneInputStreamOperatorTestHarness<String, RefreshRequest> h = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new ParseSilverEvent("events-q", "dlq-q")))) {
            h.open();
            h.processElement("{\"track_id\":\"trk_1\",\"playlist_ids\":[\"p1\"],\"changed_at\":\"2025-10-10T12:00:00Z\"}", 1);
            h.processElement("{broken", 2);
            h.processElement("{\"playlist_ids\":[],\"changed_at\":\"2025-10-10T12:00:00Z\"}", 3);
            List<RefreshRequest> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).trackId()).isEqualTo("trk_1");
            assertThat(out.get(0).playlists()).containsExactly("p1");
            assertThat(out.get(0).routingKey()).isEqualTo("trk_1");
            List<DeadLetter> dead = new java.util.ArrayList<>();
            for (StreamRecord<io.songnodes.flink.rabbit.Outbound> r : h.getSideOutput(ParseSilverEvent.INVALID)) {
                assertThat(r.getValue().routingKey()).isEqualTo("dlq-q");
                dead.add(Json.read(r.getValue().body(), DeadLetter.class));
            }
            assertThat(dead).extracting(DeadLetter::payload)
                    .containsExactly("{broken", "{\"playlist_ids\":[],\"changed_at\":\"2025-10-10T12:00:00Z\"}");
            assertThat(dead).allSatisfy(d -> {
                assertThat(d.errorType()).isEqualTo(ErrorType.VALIDATION);
                assertThat(d.job()).isEqualTo("silver-to-gold");
                assertThat(d.originalQueue()).isEqualTo("events-q");
            });
            assertThat(dead.get(1).reason()).contains("track_id");
        }
    }
}
