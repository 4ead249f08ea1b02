package io.songnodes.testing;

import io.songnodes.db.Migrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A fresh, migrated PostgreSQL database for one test class, dropped on close. */
public final class TestDatabase implements AutoCloseable {
    public static final String ADMIN_URL = System.getenv().getOrDefault("SONGNODES_TEST_PG_ADMIN_URL",
            "jdbc:postgresql://localhost:5432/postgres?user=postgres");

    private final String name;
    private final String jdbcUrl;

    private TestDatabase(String name) {
        this.name = name;
        this.jdbcUrl = ADMIN_URL.replaceFirst("/postgres\\?", "/" + name + "?");
    }

    /** Creates and migrates a database named {@code sn_t_<random>}. */
    public static TestDatabase create() {
        TestDatabase db = new TestDatabase("sn_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        db.admin("CREATE DATABASE " + db.name);
        Migrations.migrate(db.jdbcUrl);
        return db;
    }

    public String jdbcUrl() { return jdbcUrl; }

    public Connection connect() throws SQLException { return DriverManager.getConnection(jdbcUrl); }

    /** The single long value of {@code sql}, e.g. a count. */
    public long queryLong(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row of {@code sql}. */
    public java.util.List<String> strings(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            java.util.List<String> out = new java.util.ArrayList<>();
            while (rs.next()) out.add(rs.getString(1));
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    @Override public void close() { admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); }
}
