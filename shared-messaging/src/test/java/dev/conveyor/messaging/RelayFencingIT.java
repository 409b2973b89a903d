package dev.conveyor.messaging;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.MessageTypes;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;
import dev.conveyor.testkit.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay that is no longer the leader neither sends nor deletes, and notices within seconds that it lost the lead:
 * when its session is terminated, and when its connection goes silent without an error (half-open).
 */
@SpringBootTest(properties = "conveyor.messaging.relay.enabled=false")
@RealInfrastructure
class RelayFencingIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The lease of these relays is one second: losing the lead must show within a few. */
    private static final Duration NOTICED_WITHIN = Duration.ofSeconds(5);

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxStore store;

    @Autowired
    MessageCodec codec;

    @Autowired
    KafkaTemplate<String, byte[]> conveyorKafkaTemplate;

    @Autowired
    TopicNames topics;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestDatabase database;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MessageBus bus;

    final List<AutoCloseable> resources = new ArrayList<>();

    final SimpleMeterRegistry leaderMeters = new SimpleMeterRegistry();

    final SimpleMeterRegistry standbyMeters = new SimpleMeterRegistry();

    @AfterEach
    void stopRelays() throws Exception {
        // The proxy first: closing its sockets ends whatever the silenced relay still waits for.
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void aLeaderWhoseConnectionGoesSilentStopsAndAStandbyTakesOver() throws Exception {
        URI target = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        BlackholeProxy proxy = new BlackholeProxy(target.getHost(), target.getPort());
        resources.add(proxy);
        PGSimpleDataSource throughProxy = new PGSimpleDataSource();
        throughProxy.setUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getPath());
        throughProxy.setUser(database.username());
        throughProxy.setPassword(database.password());
        // Only so that the silent relay's threads end with the test: the lease, not this timeout, stops the relay.
        throughProxy.setSocketTimeout(20);
        throughProxy.setConnectTimeout(5);
        OutboxStore storeThroughProxy = new OutboxStore(new JdbcTemplate(throughProxy), codec.mapper());
        OutboxRelay leader = relay(storeThroughProxy, throughProxy, leaderMeters);
        await().atMost(PATIENCE).until(leader::isLeader);
        OutboxRelay standby = relay(store, dataSource, standbyMeters);

        List<String> skus = skus();
        publish(skus, 1, 10);
        awaitSequences(skus, 10);
        assertThat(standby.isLeader()).isFalse();
        assertThat(published(standbyMeters)).isZero();

        proxy.blackhole();
        Instant silencedAt = Instant.now();
        await().atMost(NOTICED_WITHIN).until(() -> !leader.isLeader());
        double sentByTheOldLeader = published(leaderMeters);
        publish(skus, 11, 20);

        await().atMost(NOTICED_WITHIN.multipliedBy(2)).until(standby::isLeader);
        assertThat(Duration.between(silencedAt, Instant.now())).isLessThan(NOTICED_WITHIN.multipliedBy(2));
        awaitSequences(skus, 20);
        assertThat(published(leaderMeters)).isEqualTo(sentByTheOldLeader);
        assertThat(leader.isLeader()).isFalse();
        // The new leader deletes what it sent once the broker acknowledged it, which may be after the bus saw it.
        await().atMost(PATIENCE).until(() -> pending() == 0);
    }

    @Test
    void aLeaderWhoseSessionIsTerminatedStopsAndAStandbyTakesOver() {
        OutboxRelay leader = relay(store, dataSource, leaderMeters);
        await().atMost(PATIENCE).until(leader::isLeader);
        OutboxRelay standby = relay(store, dataSource, standbyMeters);
        List<String> skus = skus();
        publish(skus, 1, 10);
        awaitSequences(skus, 10);

        assertThat(jdbc.queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                + " AND objid = ? AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                Integer.class, (int) RelayLeadership.LOCK_KEY)).isOne();
        await().atMost(NOTICED_WITHIN).until(() -> !leader.isLeader());
        double sentByTheOldLeader = published(leaderMeters);
        publish(skus, 11, 20);

        await().atMost(NOTICED_WITHIN).until(standby::isLeader);
        awaitSequences(skus, 20);
        assertThat(published(leaderMeters)).isEqualTo(sentByTheOldLeader);
        await().atMost(PATIENCE).until(() -> pending() == 0);
    }

    @Test
    void theLeaderWakesOnANotifyFromAnotherInstance() {
        // Its safety-net poll is an hour away, and this context's own relay is off: only the NOTIFY can wake it.
        OutboxRelay leader = relay(store, dataSource, leaderMeters, Map.of("conveyor.messaging.relay.poll-interval", "1h"));
        await().atMost(PATIENCE).until(leader::isLeader);
        List<String> skus = skus();
        publish(skus, 1, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> published(leaderMeters) >= 3);
        publish(skus, 2, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> published(leaderMeters) >= 6);
        awaitSequences(skus, 2);
    }

    @Test
    void readsAgainAfterAFullBatchWithoutWaitingForThePoll() {
        // Its safety-net poll is an hour away: each commit (three rows) is more than a batch (two rows), so the relay
        // must read again on its own after a full batch, and an acknowledgement alone must not leave rows behind.
        OutboxRelay leader = relay(store, dataSource, leaderMeters, Map.of("conveyor.messaging.relay.poll-interval", "1h",
                "conveyor.messaging.relay.batch-size", "2"));
        await().atMost(PATIENCE).until(leader::isLeader);
        List<String> skus = skus();

        publish(skus, 1, 5);

        awaitSequences(skus, 5);
        await().atMost(Duration.ofSeconds(10)).until(() -> published(leaderMeters) >= 15);
    }

    @Test
    void deletesAndParksOnlyWhileTheGivenBackendHoldsTheRelayLock() throws Exception {
        UUID marked = insertRow();
        UUID parked = insertRow();
        try (Connection lockHolder = database.dataSource().getConnection(); Statement statement = lockHolder.createStatement()) {
            int otherPid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
            int holderPid;
            try (ResultSet rows = statement.executeQuery("SELECT pg_advisory_lock(" + RelayLeadership.LOCK_KEY + "), pg_backend_pid()")) {
                rows.next();
                holderPid = rows.getInt(2);
            }

            assertThat(store.deleteAcknowledged(List.of(marked), otherPid)).isZero();
            assertThat(store.park(parked, "refused", otherPid)).isFalse();
            assertThat(pending()).isEqualTo(2);

            assertThat(store.deleteAcknowledged(List.of(marked), holderPid)).isOne();
            assertThat(store.park(parked, "refused", holderPid)).isTrue();

            statement.execute("SELECT pg_advisory_unlock_all()");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox WHERE id = ?", Integer.class, marked)).isZero();
        assertThat(store.parked(10)).extracting(OutboxStore.ParkedRow::id).containsExactly(parked);
    }

    private OutboxRelay relay(OutboxStore relayStore, DataSource relayDataSource, SimpleMeterRegistry meters) {
        return relay(relayStore, relayDataSource, meters, Map.of());
    }

    private OutboxRelay relay(OutboxStore relayStore, DataSource relayDataSource, SimpleMeterRegistry meters,
            Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "conveyor.messaging.relay.standby-interval", "50ms", "conveyor.messaging.relay.initial-backoff", "50ms",
                "conveyor.messaging.relay.max-backoff", "200ms", "conveyor.messaging.relay.heartbeat-interval", "100ms",
                "conveyor.messaging.relay.lease-duration", "1s", "conveyor.messaging.relay.send-timeout", "5s"));
        settings.putAll(overrides);
        MessagingProperties properties = new Binder(new MapConfigurationPropertySource(settings))
            .bind("conveyor.messaging", MessagingProperties.class).get();
        OutboxRelay relay = TestRelays.relay(relayStore, conveyorKafkaTemplate, topics, properties,
                new MessagingMetrics(meters, relayStore), relayDataSource);
        relay.start();
        resources.add(relay::stop);
        return relay;
    }

    private static List<String> skus() {
        return List.of("A-" + UUID.randomUUID(), "B-" + UUID.randomUUID(), "C-" + UUID.randomUUID());
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

    private UUID insertRow() {
        UUID id = UUID.randomUUID();
        StockAdjusted message = new StockAdjusted("FENCE-" + id, 1, 0, 1);
        Instant now = Instant.now();
        store.insert(new OutboxRecord(id, "inventory", message.sku(), "inventory.events", message.sku(),
                MessageTypes.of(StockAdjusted.class).ceType(), "{}", MessageContext.headersFor(id,
                        MessageTypes.of(StockAdjusted.class), message, now), now));
        return id;
    }

    private static double published(SimpleMeterRegistry meters) {
        return meters.counter("conveyor.outbox.published").count();
    }

    private int pending() {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL AND parked_at IS NULL", Integer.class);
    }
}
