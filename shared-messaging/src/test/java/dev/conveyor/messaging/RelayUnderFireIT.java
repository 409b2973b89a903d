package dev.conveyor.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's guarantees while everything around it fails: writers on many keys commit in an order that differs from
 * the order they drew their positions (transactions held open for a few milliseconds), while the relay, in small
 * batches with several in flight, loses its leadership session, has its reading connections killed, and is stopped
 * and started again. In the end every row reached Kafka and, per key, each message first arrived after the message
 * before it: what a consumer that skips duplicates by id sees is the order the rows were written in.
 */
@SpringBootTest(properties = { "conveyor.messaging.relay.batch-size=7", "conveyor.messaging.relay.batches-in-flight=4",
        "conveyor.messaging.relay.standby-interval=200ms", "conveyor.messaging.relay.initial-backoff=20ms",
        "conveyor.messaging.relay.max-backoff=200ms" })
@RealInfrastructure
class RelayUnderFireIT {

    private static final int KEYS = 10;

    private static final int MESSAGES_PER_KEY = 60;

    private static final Duration PATIENCE = Duration.ofSeconds(120);

    @Autowired
    OutboxRelay relay;

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MessageBus bus;

    @Test
    void sendsEveryRowAndKeepsTheOrderOfEachKeyWhileItsConnectionsAndLeadershipAreTakenAway() throws Exception {
        await().atMost(PATIENCE).until(relay::isLeader);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            keys.add("FIRE-" + run + "-" + i);
        }
        AtomicInteger disturbances = new AtomicInteger();
        ScheduledExecutorService trouble = Executors.newSingleThreadScheduledExecutor();
        try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
            trouble.scheduleWithFixedDelay(() -> disturb(disturbances), 50, 60, TimeUnit.MILLISECONDS);
            List<Future<?>> written = keys.stream().map(key -> writers.submit(() -> write(key))).collect(Collectors.toList());
            for (Future<?> writer : written) {
                writer.get();
            }
        }
        finally {
            trouble.shutdownNow();
            trouble.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (!relay.isRunning()) {
            relay.start();
        }

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
            .until(() -> firstArrivals(keys).values().stream().mapToInt(List::size).sum() == KEYS * MESSAGES_PER_KEY);
        List<Integer> inOrder = IntStream.rangeClosed(1, MESSAGES_PER_KEY).boxed().toList();
        assertThat(firstArrivals(keys)).hasSize(KEYS)
            .allSatisfy((key, arrivals) -> assertThat(arrivals).as("first arrivals of %s", key).isEqualTo(inOrder));
        assertThat(disturbances.get()).as("the relay was disturbed while it worked").isGreaterThan(10);
    }

    /** Writes the key's messages in order, one transaction each, each held open a little; retries a failed one. */
    private void write(String key) {
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        for (int onHand = 1; onHand <= MESSAGES_PER_KEY; onHand++) {
            int value = onHand;
            while (true) {
                try {
                    transactions.executeWithoutResult(status -> {
                        outbox.publish(new StockAdjusted(key, value, 0, value));
                        // Drawn at insert (just before commit), committed a little later: others commit meanwhile.
                        jdbc.execute("SELECT pg_sleep(" + ThreadLocalRandom.current().nextInt(0, 30) / 1000.0 + ")");
                    });
                    break;
                } catch (DataAccessException | TransactionException e) {
                    // Its connection was killed with the relay's: the message was not written, write it again.
                }
            }
        }
    }

    /** Kills the relay's leadership session, or its pooled connections, or restarts it. */
    private void disturb(AtomicInteger disturbances) {
        try {
            switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> jdbc.queryForList("""
                        SELECT pg_terminate_backend(pid) FROM pg_locks
                        WHERE locktype = 'advisory' AND objid::bigint = ? AND classid::bigint = 0 AND granted
                          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""",
                        RelayLeadership.LOCK_KEY & 0xFFFFFFFFL);
                case 1 -> jdbc.queryForList("""
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                          AND query ILIKE '%outbox%' AND query NOT ILIKE '%pg_terminate_backend%'""");
                default -> {
                    relay.stop();
                    relay.start();
                }
            }
            disturbances.incrementAndGet();
        } catch (DataAccessException e) {
            // this connection was one killed the round before: the pool replaces it
        }
    }

    /** Per key, the onHand values in the order of their first arrival on the topic. */
    private Map<String, List<Integer>> firstArrivals(List<String> keys) {
        Map<String, List<Integer>> arrivals = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (StockAdjusted event : bus.received(StockAdjusted.class)) {
            if (keys.contains(event.sku()) && seen.add(event.sku() + "#" + event.onHand())) {
                arrivals.computeIfAbsent(event.sku(), key -> new ArrayList<>()).add(event.onHand());
            }
        }
        return arrivals;
    }
}
