package dev.conveyor.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executor;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Elects the one relay of a database with a session-level PostgreSQL advisory lock, held on a dedicated connection
 * that also LISTENs for commits of other instances, and makes that leadership a lease.
 * <p>
 * A heartbeat on the lock's connection checks every {@code heartbeatInterval}, under a network timeout, that its
 * session still holds the lock; leadership lasts {@code leaseDuration} past the start of the last successful check.
 * So a relay whose session died, or whose connection went half-open (no error, just silence), stops leading within
 * the lease, whether or not its driver noticed. The other side is PostgreSQL's {@code idle_session_timeout} on that
 * session, longer than the lease: a leader that went silent loses its session, hence the lock, only after its own
 * lease has expired, and a standby takes over. Writes of the relay are fenced in SQL as well
 * ({@link OutboxStore#HELD_BY_LEADER}).
 */
class RelayLeadership implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelayLeadership.class);

    /** The advisory lock key, "conv" in ASCII: one relay per database. */
    static final long LOCK_KEY = 0x636F6E76L;

    private static final Executor DIRECT = Runnable::run;

    private final DataSource dataSource;

    private final Runnable onSignal;

    private final Duration heartbeatInterval;

    private final Duration leaseDuration;

    private volatile Term term;

    RelayLeadership(DataSource dataSource, Runnable onSignal, Duration heartbeatInterval, Duration leaseDuration) {
        this.dataSource = dataSource;
        this.onSignal = onSignal;
        this.heartbeatInterval = heartbeatInterval;
        this.leaseDuration = leaseDuration;
    }

    /** Whether this instance leads now: it holds the lock and its lease has not expired. */
    boolean isLeader() {
        Term current = term;
        return current != null && current.valid();
    }

    /** The backend process id of the leader's session, for the fenced writes; only meaningful while leading. */
    int backendPid() {
        Term current = term;
        return (current != null) ? current.backendPid : -1;
    }

    /** Tries to become the leader; answers whether this instance now leads. */
    synchronized boolean tryAcquire() throws SQLException {
        Term current = term;
        if (current != null) {
            if (current.valid()) {
                return true;
            }
            current.end();
            term = null;
        }
        long attemptedAt = System.nanoTime();
        Connection candidate = dataSource.getConnection();
        int backendPid;
        try {
            candidate.setAutoCommit(true);
            candidate.setNetworkTimeout(DIRECT, (int) leaseDuration.toMillis());
            try (Statement statement = candidate.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT pg_try_advisory_lock(" + LOCK_KEY + "), pg_backend_pid()")) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    candidate.close();
                    return false;
                }
                backendPid = rows.getInt(2);
            }
            try (Statement statement = candidate.createStatement()) {
                // A leader that stops talking loses its session (and the lock) once its lease is surely over.
                statement.execute("SET idle_session_timeout = " + leaseDuration.plus(heartbeatInterval).toMillis());
                statement.execute("LISTEN " + OutboxStore.CHANNEL);
            }
        }
        catch (SQLException ex) {
            candidate.close();
            throw ex;
        }
        Term acquired = new Term(candidate, backendPid, attemptedAt);
        term = acquired;
        acquired.heartbeat = Thread.ofPlatform().name("outbox-relay-heartbeat").daemon().start(() -> heartbeat(acquired));
        return true;
    }

    /** Runs while the term lasts: wakes the relay on NOTIFY and renews the lease; owns the term's connection. */
    private void heartbeat(Term current) {
        boolean healthy = true;
        try {
            PGConnection pg = current.connection.unwrap(PGConnection.class);
            long nextCheck = System.nanoTime() + heartbeatInterval.toNanos();
            while (!current.ended) {
                long wait = Math.max(1, (nextCheck - System.nanoTime()) / 1_000_000);
                PGNotification[] notifications = pg.getNotifications((int) Math.min(wait, Integer.MAX_VALUE));
                if (notifications != null && notifications.length > 0) {
                    onSignal.run();
                }
                if (System.nanoTime() - nextCheck >= 0 && !current.ended) {
                    long checkedAt = System.nanoTime();
                    if (!stillHoldsLock(current)) {
                        log.warn("Outbox relay no longer holds the relay lock of its database; another instance may take over");
                        return;
                    }
                    current.renewedAt = checkedAt;
                    nextCheck = checkedAt + heartbeatInterval.toNanos();
                }
            }
        }
        catch (SQLException ex) {
            healthy = false;
            if (!current.ended) {
                log.warn("Outbox relay lost its leadership connection ({}); another instance may take over", ex.getMessage());
            }
        }
        finally {
            current.end();
            close(current.connection, healthy);
            onSignal.run();
        }
    }

    private static boolean stillHoldsLock(Term current) throws SQLException {
        try (PreparedStatement check = current.connection.prepareStatement("SELECT " + OutboxStore.HELD_BY_LEADER)) {
            check.setInt(1, current.backendPid);
            try (ResultSet held = check.executeQuery()) {
                return held.next() && held.getBoolean(1);
            }
        }
    }

    /** Closes the term's connection: the lock, the LISTEN and the timeout must not go back to a pool with it. */
    private static void close(Connection connection, boolean healthy) {
        try (connection) {
            if (healthy && !connection.isClosed()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("UNLISTEN *");
                    statement.execute("SELECT pg_advisory_unlock_all()");
                    statement.execute("RESET idle_session_timeout");
                }
            }
        }
        catch (SQLException ex) {
            log.debug("Closing the relay's leadership connection failed: {}", ex.getMessage());
        }
    }

    /** Gives the lead up; answers once the lock is released (or its session is gone). */
    synchronized void release() {
        Term current = term;
        term = null;
        if (current != null) {
            current.end();
            Thread heartbeat = current.heartbeat;
            if (heartbeat != null && heartbeat != Thread.currentThread()) {
                try {
                    heartbeat.join(heartbeatInterval.plus(leaseDuration).multipliedBy(2));
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public void close() {
        release();
    }

    /** One tenure of the lock: its connection, its backend, and when its lease was last renewed. */
    private final class Term {

        final Connection connection;

        final int backendPid;

        volatile long renewedAt;

        volatile boolean ended;

        volatile Thread heartbeat;

        Term(Connection connection, int backendPid, long renewedAt) {
            this.connection = connection;
            this.backendPid = backendPid;
            this.renewedAt = renewedAt;
        }

        boolean valid() {
            return !ended && System.nanoTime() - renewedAt < leaseDuration.toNanos();
        }

        void end() {
            ended = true;
        }
    }
}
