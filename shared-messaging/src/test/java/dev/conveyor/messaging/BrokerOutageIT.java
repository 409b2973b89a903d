package dev.conveyor.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.testkit.KafkaBrokerProcess;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away: business transactions still commit, their messages wait in the outbox, and all of them are
 * delivered once the broker is back. The relay here talks to a broker of its own that the test stops and starts.
 */
@SpringBootTest(properties = { "conveyor.messaging.relay.enabled=false" })
@RealInfrastructure
class BrokerOutageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Autowired
    OutboxRelay contextRelay;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxStore store;

    @Autowired
    TopicNames topics;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    KafkaBrokerProcess broker;

    OutboxRelay relay;

    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void startRelayOnItsOwnBroker() {
        contextRelay.stop();
        broker = KafkaBrokerProcess.startNew();
        Map<String, Object> producer = new HashMap<>();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        producer.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        producer.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4000);
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource(Map.of(
                "conveyor.messaging.relay.send-timeout", "4s", "conveyor.messaging.relay.initial-backoff", "100ms",
                "conveyor.messaging.relay.max-backoff", "1s",
                // Strictest setting: a transient failure taken for a refusal would park the row at once.
                "conveyor.messaging.relay.park-after-attempts", "1"))).bind("conveyor.messaging", MessagingProperties.class).get();
        relay = TestRelays.relay(store, new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer)), topics,
                properties, new MessagingMetrics(meters, store), dataSource);
        relay.start();
    }

    @AfterEach
    void stop() {
        relay.stop();
        broker.close();
    }

    @Test
    void keepsMessagesWhileTheBrokerIsDownAndDeliversThemAllWhenItIsBack() {
        List<UUID> before = publish(5);
        await().atMost(PATIENCE).until(() -> pending() == 0);

        broker.stop();
        List<UUID> during = publish(20);
        await().atMost(PATIENCE).until(() -> meters.counter("conveyor.outbox.publish.failures").count() > 0);
        assertThat(pending()).isEqualTo(20);
        assertThat(parked()).isZero();
        OutboxHealthIndicator health = new OutboxHealthIndicator(new MessagingMetrics(new SimpleMeterRegistry(), store), relay,
                Duration.ofMillis(1));
        assertThat(health.health().getStatus()).hasToString("DOWN");
        assertThat(health.health().getDetails()).containsEntry("pending", 20L).containsEntry("relayLeader", true);

        broker.start();
        await().atMost(PATIENCE).until(() -> pending() == 0);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(health.health().getStatus()).hasToString("UP"));

        assertThat(meters.counter("conveyor.outbox.published").count()).isGreaterThanOrEqualTo(25);
        assertThat(parked()).isZero();
        assertThat(health.health().getDetails()).containsEntry("parked", 0L);
        try (var reader = new TopicReader(broker.bootstrapServers())) {
            List<String> keys = reader.keys(topics.physical("inventory.events"), 25, PATIENCE);
            assertThat(keys).containsAll(before.stream().map(UUID::toString).toList())
                .containsAll(during.stream().map(UUID::toString).toList());
        }
    }

    private List<UUID> publish(int count) {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        List<UUID> orders = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID orderId = UUID.randomUUID();
            orders.add(orderId);
            transactions.executeWithoutResult(status -> outbox.publish(new StockReleased(orderId, List.of())));
        }
        return orders;
    }

    private int parked() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL", Integer.class);
    }

    private int pending() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class);
    }
}
