package io.songnodes.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the versioned schema (bronze, silver, gold) with Flyway; safe to run on every job start. */
public final class Migrations {
    private Migrations() {}

    /** Migrates the database at {@code jdbcUrl} to the newest version and returns how many migrations ran. */
    public static int migrate(String jdbcUrl) {
        MigrateResult result = Flyway.configure()
                .dataSource(jdbcUrl, null, null)
                .locations("classpath:db/migration")
                .createSchemas(true)
                .schemas("public")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** {@code java -cp job.jar io.songnodes.db.Migrations jdbc:postgresql://...} migrates and exits. */
    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : System.getenv("SONGNODES_JDBC_URL");
        if (url == null || url.isBlank()) {
            System.err.println("usage: Migrations <jdbc-url>  (or set SONGNODES_JDBC_URL)");
            System.exit(2);
        }
        System.out.println("applied " + migrate(url) + " migration(s) to " + url.replaceAll("password=[^&]*", "password=***"));
    }
}
