package dev.conveyor.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A running PostgreSQL server that hands out fresh, isolated databases.
 */
public abstract sealed class PostgresServer implements AutoCloseable
        permits EmbeddedPostgresServer, ContainerPostgresServer {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    public abstract String host();

    public abstract int port();

    protected abstract String superuser();

    protected abstract String superuserPassword();

    /**
     * Creates a new database owned by a new role of the same name; the name is derived from the hint and made
     * unique within this server.
     */
    public TestDatabase createDatabase(String hint) {
        String name = uniqueName(hint);
        String password = name + "_pw";
        try (Connection connection = adminDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
            statement.execute("CREATE DATABASE " + name + " OWNER " + name);
            statement.execute("REVOKE ALL ON DATABASE " + name + " FROM PUBLIC");
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create test database " + name + ": " + ex.getMessage(), ex);
        }
        return new TestDatabase(name, jdbcUrl(name), name, password);
    }

    /** fsync, synchronous_commit and full_page_writes as the server reports them ({@code SHOW}). */
    public Map<String, String> durabilitySettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = adminDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
                    row.next();
                    settings.put(setting, row.getString(1));
                }
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not read the durability settings: " + ex.getMessage(), ex);
        }
        return settings;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    private PGSimpleDataSource adminDataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl("postgres"));
        dataSource.setUser(superuser());
        dataSource.setPassword(superuserPassword());
        return dataSource;
    }

    static String uniqueName(String hint) {
        String base = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) {
            base = "db_" + base;
        }
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        return base + "_" + SEQUENCE.incrementAndGet();
    }
}
