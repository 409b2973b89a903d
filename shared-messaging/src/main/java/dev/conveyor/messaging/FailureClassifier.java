package dev.conveyor.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Decides, in one place, what a handler's failure means for its message: retry it for as long as the failure lasts,
 * dead-letter it at once, or retry it a few times and then dead-letter it.
 * <p>
 * The cause chain is walked from the outermost exception inwards, and the first exception that says something decides:
 * <ol>
 * <li>an exception type annotated {@link PermanentFailure} or {@link TransientFailure}: what the service says;</li>
 * <li>{@link Kind#PERMANENT}: a record that cannot be read or breaks its contract ({@link MessageNotReadableException}),
 * an {@link IllegalArgumentException} (a value the message carries is refused: the same message gets the same answer
 * however often it is retried), a Bean Validation {@code ValidationException};</li>
 * <li>{@link Kind#TRANSIENT}: the database unavailable or refusing for now (no connection, no transaction, a connection
 * lost, {@link TransientDataAccessException} with its lock, optimistic-lock and query-timeout failures,
 * {@link SQLTransientException}, {@link SQLRecoverableException}, an SQLSTATE of class 08, 57P01-57P03, 40001, 40P01,
 * 55P03, 57014, 53300), JPA and Hibernate lock failures, a retriable Kafka error;</li>
 * <li>nothing said anything: {@link Kind#UNKNOWN}, most likely a bug.</li>
 * </ol>
 * An outer exception thus overrides its causes: a service that wraps a database failure in a {@link PermanentFailure}
 * knows better than the database driver, and an {@link IllegalStateException} caused by a lost connection is transient.
 */
final class FailureClassifier {

    /** What a failure means for its message. */
    enum Kind {

        /** Passes by itself: retried with capped exponential backoff for as long as it lasts, the partition waiting. */
        TRANSIENT,

        /** Can never succeed as it is: to the dead-letter topic at once, the partition moves on. */
        PERMANENT,

        /** Nothing is known (a bug, most likely): a bounded number of retries, then the dead-letter topic. */
        UNKNOWN;

        /** The lower-case name, for metric tags and log lines. */
        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** SQLSTATEs (beyond class 08, connection exception) that say the database refuses for now, not for good. */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available
            "57014", // query_canceled (statement or lock timeout)
            "57P01", // admin_shutdown
            "57P02", // crash_shutdown
            "57P03", // cannot_connect_now (starting up, shutting down, in recovery)
            "53300"); // too_many_connections

    /** JPA and Hibernate types named rather than imported: shared-messaging does not depend on JPA. */
    private static final Set<String> TRANSIENT_TYPE_NAMES = Set.of(
            "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.QueryTimeoutException",
            "org.hibernate.StaleStateException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.exception.JDBCConnectionException");

    private static final Set<String> PERMANENT_TYPE_NAMES = Set.of("jakarta.validation.ValidationException");

    private FailureClassifier() {
    }

    static Kind classify(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable current = failure; current != null && seen.add(current); current = current.getCause()) {
            Kind kind = kindOf(current);
            if (kind != null) {
                return kind;
            }
        }
        return Kind.UNKNOWN;
    }

    /** What this one exception says about the failure, or null when it says nothing and its cause must tell. */
    private static Kind kindOf(Throwable failure) {
        Class<?> type = failure.getClass();
        if (type.isAnnotationPresent(PermanentFailure.class)) {
            return Kind.PERMANENT;
        }
        if (type.isAnnotationPresent(TransientFailure.class)) {
            return Kind.TRANSIENT;
        }
        if (failure instanceof MessageNotReadableException || failure instanceof IllegalArgumentException
                || isNamed(type, PERMANENT_TYPE_NAMES)) {
            return Kind.PERMANENT;
        }
        if (isTransient(failure)) {
            return Kind.TRANSIENT;
        }
        return null;
    }

    private static boolean isTransient(Throwable failure) {
        return failure instanceof CannotCreateTransactionException || failure instanceof DataAccessResourceFailureException
                || failure instanceof TransientDataAccessException || failure instanceof ConcurrencyFailureException
                || failure instanceof RecoverableDataAccessException || failure instanceof SQLTransientException
                || failure instanceof SQLRecoverableException || failure instanceof RetriableException
                || (failure instanceof SQLException sql && (isTransientSqlState(sql.getSQLState()) || isPoolClosedConnection(sql)))
                || isNamed(failure.getClass(), TRANSIENT_TYPE_NAMES);
    }

    static boolean isTransientSqlState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || TRANSIENT_SQL_STATES.contains(sqlState));
    }

    /**
     * What HikariCP's proxy throws, without a SQLSTATE, once it has evicted a connection the server dropped: the
     * rollback after the failed statement meets it, and its exception replaces the statement's (57P01 or 08006).
     */
    private static boolean isPoolClosedConnection(SQLException sql) {
        return sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage());
    }

    /** Whether the type or one of its superclasses has one of the names. */
    private static boolean isNamed(Class<?> type, Set<String> names) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            if (names.contains(current.getName())) {
                return true;
            }
        }
        return false;
    }
}
