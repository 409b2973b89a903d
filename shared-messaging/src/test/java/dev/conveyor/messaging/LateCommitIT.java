package dev.conveyor.messaging;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.MessageTypes;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Positions are drawn at insert, not at commit: a slow transaction's row becomes visible after rows with higher
 * positions have been sent. The relay must still send it, before the later rows of its key, and send nothing twice.
 */
@SpringBootTest
@RealInfrastructure
class LateCommitIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    OutboxRelay relay;

    @Autowired
    Outbox outbox;

    @Autowired
    MessageCodec codec;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MessageBus bus;

    @Test
    void aRowCommittedBehindLaterOnesIsSentBeforeTheLaterRowsOfItsKeyAndNothingIsLostOrSentTwice() throws Exception {
        await().atMost(PATIENCE).until(relay::isLeader);
        String lateKey = "LATE-" + UUID.randomUUID();
        List<String> otherKeys = new ArrayList<>();
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            // The slow transaction draws its position first, and stays open.
            UUID late = insert(slow, new StockAdjusted(lateKey, 1, 0, 1));
            long latePosition = new JdbcTemplate(new SingleConnectionDataSource(slow, true))
                .queryForObject("SELECT position FROM outbox WHERE id = ?", Long.class, late);

            // Later rows of other keys commit, in transactions of their own, and are sent.
            for (int i = 0; i < 30; i++) {
                String key = "AFTER-" + i + "-" + UUID.randomUUID();
                otherKeys.add(key);
                publish(key, 1);
            }
            await().atMost(PATIENCE).until(() -> sentKeys(otherKeys) == otherKeys.size());
            // The relay has read past the slow row: every row above its position has left.
            assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE position > ?", Long.class, latePosition)).isZero();
            assertThat(bus.received(StockAdjusted.class)).extracting(StockAdjusted::sku).doesNotContain(lateKey);

            slow.commit();
        }
        // The aggregate's next transaction writes the next row of the key, after the slow one committed.
        publish(lateKey, 2);
        String afterKey = "AFTER-LATE-" + UUID.randomUUID();
        publish(afterKey, 1);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onHandOf(lateKey)).containsExactly(1, 2));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(onHandOf(afterKey)).containsExactly(1));
        Map<String, Long> times = bus.received(StockAdjusted.class).stream()
            .filter(event -> otherKeys.contains(event.sku()))
            .collect(Collectors.groupingBy(StockAdjusted::sku, Collectors.counting()));
        assertThat(times).hasSize(otherKeys.size()).allSatisfy((key, count) -> assertThat(count).isOne());
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM outbox WHERE message_key IN (?, ?)", Long.class, lateKey, afterKey) == 0);
    }

    private UUID insert(Connection connection, StockAdjusted message) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        OutboxStore store = new OutboxStore(new JdbcTemplate(new SingleConnectionDataSource(connection, true)), codec.mapper());
        store.insert(new OutboxRecord(id, "inventory", message.sku(), "inventory.events", message.sku(),
                MessageTypes.of(StockAdjusted.class).ceType(), codec.toJson(message),
                MessageContext.headersFor(id, MessageTypes.of(StockAdjusted.class), message, now), now));
        return id;
    }

    private void publish(String sku, int onHand) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> outbox.publish(new StockAdjusted(sku, onHand, 0, onHand)));
    }

    private long sentKeys(List<String> keys) {
        return bus.received(StockAdjusted.class).stream().map(StockAdjusted::sku).filter(keys::contains).distinct().count();
    }

    /** The onHand values received for the key, in the order Kafka holds them. */
    private List<Integer> onHandOf(String key) {
        return bus.received(StockAdjusted.class).stream().filter(event -> event.sku().equals(key)).map(StockAdjusted::onHand)
            .toList();
    }

}
