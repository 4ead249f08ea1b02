package io.songnodes.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.songnodes.model.EnrichmentStatus;
import io.songnodes.testing.TestDatabase;
import org.junit.jupiter.api.Test;

class MigrationsITCase {
    @Test
    void migrationsCreateEveryLayerAndAreIdempotent() {
        try (TestDatabase db = TestDatabase.create()) {
            assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'bronze'")).isGreaterThanOrEqualTo(1);
            assertThat(db.queryLong("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'silver'")).isGreaterThanOrEqualTo(4);
            long applied = db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success");
            assertThat(Migrations.migrate(db.jdbcUrl())).isZero();
            assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(applied);
        }
    }

    @Test
    void silverAcceptsEveryEnrichmentStatusAndNothingElse() {
        try (TestDatabase db = TestDatabase.create()) {
            for (EnrichmentStatus s : EnrichmentStatus.values()) {
                db.execute("INSERT INTO silver.tracks (track_id, artist, title, artist_normalized, title_normalized, enrichment_status) VALUES ('t_" + s.wireName() + "', 'a', 't', 'a', 't', '" + s.wireName() + "')");
            }
            assertThat(db.queryLong("SELECT count(*) FROM silver.tracks WHERE enrichment_status = 'not_found'")).isEqualTo(1);
            assertThatThrownBy(() -> db.execute("INSERT INTO silver.tracks (track_id, artist, title, artist_normalized, title_normalized, enrichment_status) VALUES ('t_x', 'a', 't', 'a', 't', 'nope')"))
                    .rootCause().hasMessageContaining("tracks_enrichment_status_check");
        }
    }
}
