package io.songnodes.db;

import static org.assertj.core.api.Assertions.assertThat;

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
}
