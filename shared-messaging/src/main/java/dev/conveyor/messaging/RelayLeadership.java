package dev.conveyor.messaging;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the one relay of a database with a session-level PostgreSQL advisory lock, held on a dedicated connection
 * that also LISTENs for commits of other instances. When that session dies (instance crash, connection killed) the
 * lock is released by PostgreSQL and a standby takes it.
 */
class RelayLeadership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

    /** The advisory lock key, "conv" in ASCII: one relay per database. */
    static final long LOCK_KEY = 0x636F6E76L;

    private final DataSource dataSource;

    private final Runnable onSignal;

    private volatile Connection connection;

    private volatile boolean leader;

    RelayLeadership(DataSource dataSource, Runnable onSignal) {
        this.dataSource = dataSource;
        this.onSignal = onSignal;
    }

    boolean isLeader() {
        return leader;
    }

    /** Tries to become the leader; answers whether this instance now leads. */
    synchronized boolean tryAcquire() throws SQLException {
        if (leader) {
            return true;
        }
        Connection candidate = dataSource.getConnection();
        try {
            candidate.setAutoCommit(true);
            try (Statement statement = candidate.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + ")")) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    candidate.close();
                    return false;
                }
                statement.execute("LISTEN " + OutboxStore.CHANNEL);
            }
        }
        catch (SQLException ex) {
            candidate.close();
            throw ex;
        }
        connection = candidate;
        leader = true;
        Thread.ofPlatform().name("outbox-relay-listener").daemon().start(this::listen);
        return true;
    }

    private void listen() {
        Connection held = connection;
        try {
            PGConnection pg = held.unwrap(PGConnection.class);
            while (leader) {
                PGNotification[] notifications = pg.getNotifications(500);
                if (notifications != null && notifications.length > 0) {
                    onSignal.run();
                }
            }
        }
        catch (SQLException ex) {
            if (leader) {
                log.warn("Outbox relay lost its leadership connection ({}); another instance may take over", ex.getMessage());
                release();
                onSignal.run();
            }
        }
    }

    /** Gives the lead up: closing the session releases the advisory lock. */
    synchronized void release() {
        leader = false;
        Connection held = connection;
        connection = null;
        if (held != null) {
            try (held) {
                // The connection may go back to a pool: the lock must not stay with it.
                try (Statement statement = held.createStatement()) {
                    statement.execute("UNLISTEN *");
                    statement.execute("SELECT pg_advisory_unlock_all()");
                }
            }
            catch (SQLException ex) {
                log.debug("Closing the relay's leadership connection failed: {}", ex.getMessage());
            }
        }
    }

    @Override
    public void close() {
        release();
    }
}
