package io.songnodes.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilverEventTest {
    @Test
    void roundTripsTheContractJson() throws Exception {
        String json = "{\"track_id\":\"trk_1\",\"playlist_ids\":[\"p1\",\"p2\"],\"changed_at\":\"2025-10-10T12:00:03Z\"}";
        SilverEvent e = Json.read(json, SilverEvent.class);
        assertThat(e).isEqualTo(new SilverEvent("trk_1", List.of("p1", "p2"), Instant.parse("2025-10-10T12:00:03Z")));
        assertThat(Json.read(Json.write(e), SilverEvent.class)).isEqualTo(e);
    }

    @Test
    void rejectsEventsThatNameNothing() {
        assertThatThrownBy(() -> Json.read("{\"changed_at\":\"2025-10-10T12:00:03Z\"}", SilverEvent.class))
                .hasMessageContaining("track_id");
        assertThatThrownBy(() -> Json.read("{\"track_id\":\"t\"}", SilverEvent.class)).hasMessageContaining("changed_at");
    }
}
