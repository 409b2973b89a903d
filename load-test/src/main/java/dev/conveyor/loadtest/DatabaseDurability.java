package dev.conveyor.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL settings that decide whether an acknowledged commit survives a crash, as the system's server reports
 * them ({@code SHOW}), so that a run says whether its figures come from a durable database. Unknown, with the reason,
 * when the server cannot be asked: that never fails the run.
 *
 * @param fsync             {@code on}, {@code off} or {@code unknown}
 * @param synchronousCommit {@code on}, {@code off}, {@code local}, ... or {@code unknown}
 * @param fullPageWrites    {@code on}, {@code off} or {@code unknown}
 * @param source            the JDBC URL asked
 * @param problem           why the settings are unknown; null when they were read
 */
record DatabaseDurability(String fsync, String synchronousCommit, String fullPageWrites, String source,
        String problem) {

    static final String UNKNOWN = "unknown";

    static DatabaseDurability read(String url, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "10");
        try (Connection connection = DriverManager.getConnection(url, properties);
                Statement statement = connection.createStatement()) {
            return new DatabaseDurability(show(statement, "fsync"), show(statement, "synchronous_commit"),
                    show(statement, "full_page_writes"), url, null);
        } catch (SQLException e) {
            return unknown(url, e.getMessage());
        }
    }

    static DatabaseDurability unknown(String url, String problem) {
        return new DatabaseDurability(UNKNOWN, UNKNOWN, UNKNOWN, url, problem);
    }

    private static String show(Statement statement, String setting) throws SQLException {
        try (ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }

    /**
     * Whether a crash keeps every acknowledged commit: fsync and full_page_writes on, and synchronous_commit anything
     * but off (every other value flushes the commit record locally before answering).
     */
    boolean durable() {
        return fsync.equals("on") && fullPageWrites.equals("on") && !synchronousCommit.equals("off")
                && !synchronousCommit.equals(UNKNOWN);
    }

    String settings() {
        return "fsync=" + fsync + ", synchronous_commit=" + synchronousCommit + ", full_page_writes=" + fullPageWrites;
    }

    /** One line for the console and the report. */
    String line() {
        if (problem != null) {
            return "PostgreSQL durability unknown: could not read the settings from " + source + " (" + problem + ")";
        }
        return "PostgreSQL " + settings() + (durable() ? " (durable)"
                : ": NOT DURABLE, acknowledged commits can be lost in a crash; not valid benchmark figures");
    }
}
