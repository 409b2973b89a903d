package dev.conveyor.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.UncategorizedDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers 503 with {@code Retry-After} and a problem detail while the service's database is unreachable: the request
 * was fine, the service cannot serve it just now, and the client should come back rather than see a 500.
 * <p>
 * Spring MVC asks the advices in their order and takes the first one with a handler for the exception or, failing
 * that, for one of its causes; this advice therefore comes first, so a service's own catch-all handler never turns an
 * outage into a 500. The exceptions below are what a pool timeout, a refused or dropped connection and a transaction
 * that cannot begin become once Spring has translated them, wherever in the cause chain they sit.
 * <p>
 * A connection the server drops in the middle of a statement (an administrator or a restart ends the session) is not
 * always translated: Hibernate leaves SQLSTATE 57P01 uncategorised, and the rollback that follows fails on the closed
 * connection. Such generic failures are answered here too, by their SQLSTATE: 503 when the connection was lost, a 500
 * problem detail otherwise (the request met an error the service did not foresee).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OutageProblems {

    private static final Logger log = LoggerFactory.getLogger(OutageProblems.class);

    /** SQLSTATE class 08 (connection exception) and 57P01-57P03 (the server ended or refuses the session). */
    private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03");

    private final OutageProperties properties;

    public OutageProblems(OutageProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class, SQLTransientConnectionException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        return unavailable(ex);
    }

    @ExceptionHandler({ UncategorizedDataAccessException.class, TransactionSystemException.class })
    ResponseEntity<ProblemDetail> uncategorisedDatabaseFailure(Exception ex) {
        if (connectionLost(ex)) {
            return unavailable(ex);
        }
        log.error("Unexpected database failure", ex);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
            .body(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                    "The request failed on an unexpected error; it has been logged."));
    }

    private ResponseEntity<ProblemDetail> unavailable(Exception ex) {
        log.warn("Answering 503: the database is unreachable ({})", rootCause(ex));
        return ProblemResponses.unavailable("service-unavailable", "Service unavailable",
                "The service cannot reach its database just now", properties.retryAfter());
    }

    /**
     * What HikariCP's proxy throws, without a SQLSTATE, once it has evicted a connection the server dropped: the
     * rollback after the failed statement meets it, and its exception replaces the statement's (57P01).
     */
    private static final String POOL_CLOSED_CONNECTION = "Connection is closed";

    static boolean connectionLost(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = (cause.getCause() == cause) ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && lost(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean lost(SQLException sql) {
        String state = sql.getSQLState();
        if (state == null) {
            return POOL_CLOSED_CONNECTION.equals(sql.getMessage());
        }
        return state.startsWith("08") || SESSION_ENDED.contains(state);
    }

    private static String rootCause(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
