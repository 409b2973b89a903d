package dev.conveyor.inventory;

import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.web.client.RestClient;

import dev.conveyor.testkit.RealInfrastructure;
import dev.conveyor.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class InventoryServiceApplicationIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestDatabase database;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void migratesItsOwnDatabase() {
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo(database.name());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class))
            .isPositive();
    }

    @Test
    void reachesTheBroker() throws Exception {
        try (AdminClient admin = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            assertThat(admin.describeCluster().nodes().get()).isNotEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsHealthyThroughActuator() {
        Map<String, Object> health = RestClient.create("http://localhost:" + port)
            .get()
            .uri("/actuator/health")
            .retrieve()
            .body(Map.class);

        assertThat(health).containsEntry("status", "UP");
        assertThat((Map<String, Object>) health.get("components")).containsKey("db");
    }
}
