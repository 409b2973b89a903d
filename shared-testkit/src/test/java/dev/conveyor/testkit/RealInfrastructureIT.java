package dev.conveyor.testkit;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One annotation connects a Spring Boot test to its own database and the shared broker. */
@SpringBootTest(properties = { "spring.kafka.consumer.auto-offset-reset=earliest",
        "spring.kafka.consumer.group-id=${conveyor.messaging.namespace}.probe" })
@RealInfrastructure
class RealInfrastructureIT {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TestDatabase database;

    @Autowired
    @Qualifier("conveyorTestNamespace")
    String namespace;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    Application.Probe probe;

    @Test
    void connectsToItsOwnFreshDatabase() {
        assertThat(jdbc.queryForObject("SELECT current_database()", String.class)).isEqualTo(database.name())
            .startsWith("realinfrastructureit_");
        assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo(database.username());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'", Integer.class))
            .isZero();
    }

    @Test
    void sendsAndReceivesOnTheRealBrokerUnderItsNamespace() {
        kafka.send(namespace + ".greetings", "k", "hello from " + namespace);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probe.received).contains("hello from " + namespace));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Component
        static class Probe {

            final CopyOnWriteArrayList<String> received = new CopyOnWriteArrayList<>();

            @KafkaListener(topics = "${conveyor.messaging.namespace}.greetings")
            void on(String value) {
                received.add(value);
            }
        }
    }
}
