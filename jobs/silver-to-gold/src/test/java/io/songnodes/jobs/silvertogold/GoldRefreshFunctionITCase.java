package io.songnodes.jobs.silvertogold;

import static org.assertj.core.api.Assertions.assertThat;

import io.songnodes.analytics.KitSilver;
import io.songnodes.model.SilverEvent;
import io.songnodes.testing.TestDatabase;
import io.songnodes.testing.TracklistFixtures;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Harness test of the refresh operator against real PostgreSQL: gold follows events, layer stats follow by timer, timers are cleaned. */
class GoldRefreshFunctionITCase {
    @Test
    void eventsRefreshGoldAndTheTrailingTimerRefreshesLayerStats() throws Exception {
        KitSilver kit = KitSilver.of1001(TracklistFixtures.files1001().get(0));
        KitSilver.Playlist set = kit.playlists().values().iterator().next();
        try (TestDatabase db = TestDatabase.create();
             KeyedOneInputStreamOperatorTestHarness<String, RefreshRequest, Integer> h = new KeyedOneInputStreamOperatorTestHarness<>(
                     new KeyedProcessOperator<>(new GoldRefreshFunction(db.jdbcUrl(), Duration.ofSeconds(10))), RefreshRequest::routingKey, Types.STRING)) {
            h.open();
            h.setProcessingTime(1_000_000);
            try (Connection c = db.connect()) {
                for (KitSilver.Track t : kit.tracks().values()) KitSilver.upsertTrack(c, t);
                KitSilver.upsertPlaylist(c, set, set.entries().subList(0, 4));
            }
            String first = set.entries().get(0).trackId();
            h.processElement(RefreshRequest.of(new SilverEvent(first, List.of(set.playlistId()), Instant.now())), 0);
            assertThat(db.queryLong("SELECT track_count FROM gold.playlist_analytics")).isEqualTo(4);
            assertThat(db.queryLong("SELECT record_count FROM gold.layer_stats WHERE table_name = 'playlist_analytics'")).isEqualTo(1);
            assertThat(h.numProcessingTimeTimers()).isZero(); // the first event refreshed the stats inline

            try (Connection c = db.connect()) {
                KitSilver.upsertPlaylist(c, set, set.entries());
            }
            h.setProcessingTime(1_002_000);
            h.processElement(RefreshRequest.of(new SilverEvent(null, List.of(set.playlistId()), Instant.now())), 0);
            assertThat(db.queryLong("SELECT track_count FROM gold.playlist_analytics")).isEqualTo(13);
            assertThat(db.queryLong("SELECT record_count FROM gold.layer_stats WHERE table_name = 'track_transitions'")).isEqualTo(3);
            assertThat(h.numProcessingTimeTimers()).isEqualTo(1);

            h.setProcessingTime(1_010_000);
            assertThat(db.queryLong("SELECT record_count FROM gold.layer_stats WHERE table_name = 'track_transitions'")).isEqualTo(14);
            assertThat(h.numProcessingTimeTimers()).isZero();
            assertThat(h.extractOutputValues()).hasSize(2).allSatisfy(n -> assertThat(n).isPositive());
        }
    }
}
