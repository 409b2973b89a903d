package dev.conveyor.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.conveyor.testkit.KafkaBrokerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kafka health component, which every service's readiness includes, against a real broker of its own: UP while
 * the broker answers, DOWN within seconds of it stopping, UP again when it is back.
 */
class KafkaHealthIndicatorIT {

    private static KafkaBrokerProcess broker;

    @BeforeAll
    static void startBroker() {
        broker = KafkaBrokerProcess.startNew();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void followsTheBrokerDownAndBackUp() throws Exception {
        KafkaHealthIndicator health = new KafkaHealthIndicator(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                Duration.ofSeconds(2), Duration.ofSeconds(1), Clock.systemUTC());
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
            assertThat(health.health().getDetails()).containsEntry("nodes", 1);

            broker.stop();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.DOWN));

            broker.start();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(health.health().getStatus()).isEqualTo(Status.UP));
        }
        finally {
            health.destroy();
        }
    }

    @Test
    void answersFromItsCacheBetweenChecks() {
        KafkaHealthIndicator health = new KafkaHealthIndicator(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                Duration.ofSeconds(2), Duration.ofMinutes(5), Clock.systemUTC());
        try {
            Health first = health.health();

            assertThat(health.health()).isSameAs(first);
        }
        finally {
            health.destroy();
        }
    }
}
