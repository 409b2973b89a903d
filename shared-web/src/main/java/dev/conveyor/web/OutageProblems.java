package dev.conveyor.web;

import java.sql.SQLTransientConnectionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
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
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OutageProblems {

    private static final Logger log = LoggerFactory.getLogger(OutageProblems.class);

    private final OutageProperties properties;

    public OutageProblems(OutageProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessResourceException.class, SQLTransientConnectionException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        log.warn("Answering 503: the database is unreachable ({})", rootCause(ex));
        long seconds = Math.max(1, properties.retryAfter().toSeconds());
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "Service unavailable",
                "The service cannot reach its database just now; retry in " + seconds + " seconds.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
            .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
            .body(problem);
    }

    private static String rootCause(Throwable ex) {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
