package dev.conveyor.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chaos run's direct look at the local stack's PostgreSQL, as its superuser: the durability settings the server
 * runs with, whether it answers, and the payments written during the run (the payment API lists them by order only,
 * so a payment of an order that does not exist could not be found through it).
 */
final class PostgresProbe {

    static final List<String> DURABILITY_SETTINGS = List.of("fsync", "synchronous_commit", "full_page_writes");

    private final String baseUrl;

    PostgresProbe(int port) {
        this.baseUrl = "jdbc:postgresql://localhost:" + port + "/";
    }

    /** fsync, synchronous_commit and full_page_writes as the server reports them. */
    Map<String, String> durabilitySettings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            for (String name : DURABILITY_SETTINGS) {
                try (ResultSet row = statement.executeQuery("SHOW " + name)) {
                    row.next();
                    settings.put(name, row.getString(1));
                }
            }
        }
        return settings;
    }

    /**
     * The settings that let a crash lose commits the server acknowledged; empty when the server is durable. Every
     * value of synchronous_commit but {@code off} flushes the commit record locally before answering.
     */
    static List<String> notDurable(Map<String, String> settings) {
        List<String> off = new ArrayList<>();
        for (String name : DURABILITY_SETTINGS) {
            String value = settings.getOrDefault(name, "unknown");
            boolean durable = name.equals("synchronous_commit") ? !value.equals("off") && !value.equals("unknown")
                    : value.equals("on");
            if (!durable) {
                off.add(name + "=" + value);
            }
        }
        return off;
    }

    boolean answers() {
        try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The order ids of the payments created since {@code from}, from the payment service's database. */
    List<String> paymentOrderIdsSince(Instant from) throws SQLException {
        List<String> orderIds = new ArrayList<>();
        try (Connection connection = connect("payments");
                PreparedStatement query = connection.prepareStatement(
                        "SELECT order_id::text FROM payment WHERE created_at >= ? ORDER BY created_at")) {
            query.setTimestamp(1, Timestamp.from(from));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    orderIds.add(rows.getString(1));
                }
            }
        }
        return orderIds;
    }

    private Connection connect(String database) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("password", "postgres");
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(baseUrl + database, properties);
    }
}
