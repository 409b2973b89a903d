package dev.conveyor.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer's guarantees while its database connections are killed again and again under it: records of several
 * keys, some delivered twice (the same message id again, as a relay that sends a batch again does), are handled in
 * batches whose statements, commits and fallbacks fail at any point. In the end every message had its effect exactly
 * once and, per key, in the order it was sent: nothing skipped, nothing handled ahead of an earlier record of its key.
 */
@SpringBootTest(properties = { "spring.datasource.hikari.connection-timeout=1000",
        "conveyor.messaging.consumer.initial-backoff=20ms", "conveyor.messaging.consumer.transient-max-backoff=200ms" })
@RealInfrastructure
class ConsumerUnderFireIT {

    private static final int KEYS = 4;

    private static final int MESSAGES_PER_KEY = 40;

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Test
    void handlesEveryMessageOnceAndInTheOrderOfItsKeyWhileItsConnectionsAreKilled() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<UUID>> ordersByKey = new LinkedHashMap<>();
        for (int k = 0; k < KEYS; k++) {
            List<UUID> orders = new ArrayList<>();
            for (int i = 0; i < MESSAGES_PER_KEY; i++) {
                orders.add(UUID.randomUUID());
            }
            ordersByKey.put("FIRE-" + run + "-" + k, orders);
        }
        List<UUID> everyOrder = ordersByKey.values().stream().flatMap(List::stream).toList();
        AtomicInteger kills = new AtomicInteger();
        AtomicInteger repeats = new AtomicInteger();
        ScheduledExecutorService trouble = Executors.newSingleThreadScheduledExecutor();
        try {
            trouble.scheduleWithFixedDelay(() -> killConnections(kills), 0, 80, TimeUnit.MILLISECONDS);
            sendAll(ordersByKey, repeats);
            // A poll may meet a connection killed a moment before: it asks again. The kills go on until all is handled.
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> handled(everyOrder) >= everyOrder.size() && kills.get() > 5);
        }
        finally {
            trouble.shutdownNow();
            trouble.awaitTermination(10, TimeUnit.SECONDS);
        }

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> ordersByKey.forEach((key, orders) -> assertThat(
                jdbc.queryForList("SELECT order_id FROM ledger WHERE order_id = ANY (?) AND effect = 'released' ORDER BY position",
                        UUID.class, (Object) orders.toArray(UUID[]::new)))
            .as("the effects of %s, in order, once each", key).isEqualTo(orders)));
        assertThat(kills.get()).as("connections were killed while it worked").isGreaterThan(5);
        assertThat(repeats.get()).as("messages were delivered twice").isPositive();
    }

    /** Sends the keys' messages interleaved, now and then a message of the key sent again. */
    private void sendAll(Map<String, List<UUID>> ordersByKey, AtomicInteger repeats) {
        Map<String, List<UUID>> ids = new HashMap<>();
        for (int i = 0; i < MESSAGES_PER_KEY; i++) {
            for (Map.Entry<String, List<UUID>> key : ordersByKey.entrySet()) {
                List<UUID> sent = ids.computeIfAbsent(key.getKey(), k -> new ArrayList<>());
                UUID id = UUID.randomUUID();
                bus.send(new ReleaseStock(key.getValue().get(i)), key.getKey(), id);
                sent.add(id);
                if (i > 0 && ThreadLocalRandom.current().nextInt(10) == 0) {
                    int earlier = ThreadLocalRandom.current().nextInt(Math.max(0, i - 3), i);
                    bus.send(new ReleaseStock(key.getValue().get(earlier)), key.getKey(), sent.get(earlier));
                    repeats.incrementAndGet();
                }
            }
        }
    }

    /** Kills every other connection to the test's database. */
    private void killConnections(AtomicInteger kills) {
        try {
            jdbc.queryForList("""
                    SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'""");
            kills.incrementAndGet();
        } catch (DataAccessException e) {
            // this connection was one killed the round before: the pool replaces it
        }
    }

    private int handled(List<UUID> orders) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger WHERE order_id = ANY (?) AND effect = 'released'",
                Integer.class, (Object) orders.toArray(UUID[]::new));
    }
}
