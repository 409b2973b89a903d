package dev.conveyor.payment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.conveyor.testkit.RealInfrastructure;
import dev.conveyor.testkit.TestDatabase;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's database stops accepting connections (as in a failover or a restart): the REST API answers 503 with
 * {@code Retry-After} and a problem detail within seconds, readiness goes DOWN while liveness stays UP, and both come
 * back when the database does. Payment is the service with a catch-all handler, the hardest case for the shared edge.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DatabaseOutageIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TestDatabase database;

    @Test
    void answers503WithRetryAfterWhileTheDatabaseIsUnreachableAndRecovers() throws Exception {
        String payments = "/api/payments?orderId=" + UUID.randomUUID();
        assertThat(get(payments).statusCode()).isEqualTo(200);

        try (Connection elsewhere = connectToAnotherDatabase()) {
            refuseConnections(elsewhere);
            try {
                long start = System.nanoTime();
                HttpResponse<String> answer = get(payments);
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(took).isLessThan(Duration.ofSeconds(5));
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
                assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = JSON.readTree(answer.body());
                assertThat(problem.path("type").asString()).isEqualTo("https://conveyor.dev/problems/service-unavailable");
                assertThat(problem.path("title").asString()).isEqualTo("Service unavailable");
                assertThat(problem.path("status").asInt()).isEqualTo(503);
                assertThat(problem.path("detail").asString()).contains("retry in 5 seconds");
                assertThat(answer.body()).doesNotContain("Exception", "trace", "Hikari");

                HttpResponse<String> readiness = get("/actuator/health/readiness");
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(readiness.body()).path("status").asString()).isEqualTo("DOWN");
                assertThat(JSON.readTree(readiness.body()).at("/components/db/status").asString()).isEqualTo("DOWN");
                assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
            }
            finally {
                allowConnections(elsewhere);
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get(payments).statusCode()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(30))
            .untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
    }

    @Test
    void readinessFollowsTheDatabaseAndTheBrokerAndLivenessNeither() throws Exception {
        JsonNode readiness = JSON.readTree(get("/actuator/health/readiness").body());
        JsonNode liveness = JSON.readTree(get("/actuator/health/liveness").body());

        assertThat(readiness.path("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "db", "kafka");
        assertThat(liveness.path("components").propertyNames()).containsExactly("livenessState");
    }

    /** The database's owner, connected to another database: a database cannot refuse connections to itself. */
    private Connection connectToAnotherDatabase() throws SQLException {
        String url = database.jdbcUrl().substring(0, database.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
        return DriverManager.getConnection(url, database.username(), database.password());
    }

    private void refuseConnections(Connection elsewhere) throws SQLException {
        try (Statement statement = elsewhere.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                    + database.name() + "'");
        }
    }

    private void allowConnections(Connection elsewhere) throws SQLException {
        try (Statement statement = elsewhere.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
