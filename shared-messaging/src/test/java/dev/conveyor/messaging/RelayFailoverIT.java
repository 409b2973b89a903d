package dev.conveyor.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two relays on one database: one sends; when the leader's session dies the other takes over, losing nothing. */
@SpringBootTest
@RealInfrastructure
class RelayFailoverIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    OutboxRelay leader;

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxStore store;

    @Autowired
    KafkaTemplate<String, byte[]> conveyorKafkaTemplate;

    @Autowired
    TopicNames topics;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MessageBus bus;

    OutboxRelay standby;

    SimpleMeterRegistry standbyMeters = new SimpleMeterRegistry();

    @BeforeEach
    void startStandby() {
        await().atMost(PATIENCE).until(leader::isLeader);
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource(Map.of("conveyor.messaging.relay.standby-interval", "50ms",
                "conveyor.messaging.relay.initial-backoff", "50ms"))).bind("conveyor.messaging", MessagingProperties.class).get();
        standby = TestRelays.relay(store, conveyorKafkaTemplate, topics, properties,
                new MessagingMetrics(standbyMeters, store), dataSource);
        standby.start();
    }

    @AfterEach
    void stopStandby() {
        standby.stop();
    }

    @Test
    void onlyTheLeaderSendsAndTheStandbyTakesOverWhenTheLeadersSessionDies() {
        List<String> skus = List.of("A-" + UUID.randomUUID(), "B-" + UUID.randomUUID(), "C-" + UUID.randomUUID());
        publish(skus, 1, 30);
        awaitSequences(skus, 30);
        assertThat(standby.isLeader()).isFalse();
        assertThat(standbyMeters.counter("conveyor.outbox.published").count()).isZero();

        int killed = jdbc.queryForObject("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objid = ?
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""",
                Integer.class, (int) RelayLeadership.LOCK_KEY);
        assertThat(killed).isEqualTo(1);
        publish(skus, 31, 60);

        await().atMost(PATIENCE).until(standby::isLeader);
        awaitSequences(skus, 60);
        assertThat(leader.isLeader()).isFalse();
        assertThat(standbyMeters.counter("conveyor.outbox.published").count()).isPositive();
        // Deleted once acknowledged, which may be after the bus saw them.
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL",
                Integer.class) == 0);
    }

    private void publish(List<String> skus, int from, int to) {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        for (int sequence = from; sequence <= to; sequence++) {
            int value = sequence;
            transactions.executeWithoutResult(status -> skus.forEach(sku -> outbox.publish(new StockAdjusted(sku, value, 0, value))));
        }
    }

    /** Every key's sequence arrives complete and in order; redeliveries of a prefix are allowed, gaps and reordering not. */
    private void awaitSequences(List<String> skus, int last) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, List<Integer>> sequences = new HashMap<>();
            bus.received(StockAdjusted.class).stream().filter(event -> skus.contains(event.sku()))
                .forEach(event -> sequences.computeIfAbsent(event.sku(), sku -> new ArrayList<>()).add(event.onHand()));
            List<Integer> expected = IntStream.rangeClosed(1, last).boxed().toList();
            assertThat(skus).allSatisfy(sku -> assertThat(sequences.getOrDefault(sku, List.of()).stream().distinct().toList())
                .isEqualTo(expected));
        });
    }
}
