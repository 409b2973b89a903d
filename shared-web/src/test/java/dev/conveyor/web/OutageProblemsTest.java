package dev.conveyor.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A service whose own advice has a catch-all, as payment's has: an unreachable database still answers 503 with
 * {@code Retry-After} and a problem detail, whatever wraps the failure; anything else still reaches the service.
 */
@WebMvcTest(properties = "conveyor.web.outage.retry-after=7s")
@Import({ OutageProblemsTest.FailingController.class, OutageProblemsTest.CatchAllProblems.class })
class OutageProblemsTest {

    @Autowired
    MockMvc mvc;

    @Test
    void answersATransactionThatCannotBeginWith503AndRetryAfter() throws Exception {
        mvc.perform(get("/fail/transaction"))
            .andExpect(status().isServiceUnavailable())
            .andExpect(header().string("Retry-After", "7"))
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://conveyor.dev/problems/service-unavailable"))
            .andExpect(jsonPath("$.title").value("Service unavailable"))
            .andExpect(jsonPath("$.status").value(503))
            .andExpect(jsonPath("$.detail").value("The service cannot reach its database just now; retry in 7 seconds."))
            .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void answersEveryKindOfUnreachableDatabaseWith503() throws Exception {
        for (String kind : new String[] { "connection", "resource", "transient", "pool", "wrapped", "dropped", "evicted" }) {
            mvc.perform(get("/fail/" + kind))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "7"));
        }
    }

    @Test
    void answersAnUncategorisedDatabaseFailureThatIsNotAnOutageWithAProblem500() throws Exception {
        mvc.perform(get("/fail/uncategorised"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://conveyor.dev/problems/internal-error"))
            .andExpect(content().string(not(containsString("Exception"))));
    }

    @Test
    void leavesOtherFailuresToTheServicesOwnHandlers() throws Exception {
        mvc.perform(get("/fail/other")).andExpect(status().isInternalServerError())
            .andExpect(jsonPath("$.title").value("Internal error"));
    }

    @SpringBootApplication
    static class TestService {
    }

    @RestController
    static class FailingController {

        @GetMapping("/fail/{kind}")
        String fail(@PathVariable String kind) {
            SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                    "HikariPool-1 - Connection is not available, request timed out after 2000ms.");
            throw switch (kind) {
                case "transaction" -> new CannotCreateTransactionException("Could not open JPA EntityManager", timeout);
                case "connection" -> new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", timeout);
                case "resource" -> new DataAccessResourceFailureException("terminating connection due to administrator command");
                case "transient" -> new TransientDataAccessResourceException("the database system is starting up");
                case "pool" -> new IllegalStateException(timeout);
                case "dropped" -> new UncategorizedSQLException("select", "select 1",
                        new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
                case "evicted" -> new UncategorizedSQLException("rollback", null, new SQLException("Connection is closed"));
                case "uncategorised" -> new UncategorizedSQLException("select", "select 1",
                        new SQLException("ERROR: something unforeseen", "XX000"));
                case "wrapped" -> new IllegalStateException("handler failed",
                        new CannotCreateTransactionException("Could not open JDBC Connection", timeout));
                default -> new IllegalStateException("a bug");
            };
        }
    }

    /**
     * Like payment's: everything it does not know becomes a 500. Ordered early on purpose: which of two unordered
     * advices Spring asks first depends on how their beans were registered, so only an explicit order proves that
     * {@link OutageProblems} comes before a service's own handlers.
     */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE + 100)
    static class CatchAllProblems {

        @ExceptionHandler(Exception.class)
        ProblemDetail unexpected(Exception ex) {
            ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
            problem.setTitle("Internal error");
            return problem;
        }
    }
}
