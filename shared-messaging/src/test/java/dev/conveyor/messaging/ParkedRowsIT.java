package dev.conveyor.messaging;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.MessageTypes;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A row the broker refuses for good is parked after a bounded number of attempts: other keys flow past it, later rows
 * of its key wait behind it, and an operator retries or discards it.
 */
@SpringBootTest(properties = "conveyor.messaging.relay.park-after-attempts=3")
@RealInfrastructure
class ParkedRowsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The largest record batch the small topics accept; the poison rows are several times larger, and incompressible. */
    private static final int SMALL_MAX_MESSAGE_BYTES = 2048;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxStore store;

    @Autowired
    OutboxRelay relay;

    @Autowired
    TopicNames topics;

    @Autowired
    ParkedRowsEndpoint endpoint;

    @Autowired
    OutboxHealthIndicator health;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MessageBus bus;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    Admin admin;

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void parksARecordTooLargeForItsTopicWhileOtherKeysFlowAndItsKeyWaits() {
        String smallTopic = smallTopic();
        String key = "POISON-" + UUID.randomUUID();
        UUID poison = insertTooLarge(smallTopic, key);
        UUID otherKeysFirst = publish("OTHER-" + UUID.randomUUID(), 1);

        OutboxStore.ParkedRow parked = awaitParked(poison);
        assertThat(parked.messageKey()).isEqualTo(key);
        assertThat(parked.topic()).isEqualTo(smallTopic);
        assertThat(parked.type()).isEqualTo(MessageTypes.of(StockAdjusted.class).ceType());
        assertThat(parked.attempts()).isEqualTo(3);
        assertThat(parked.error()).contains("RecordTooLargeException");
        assertThat(parked.parkedAt()).isBefore(Instant.now().plusSeconds(1));
        assertThat(sent(otherKeysFirst)).isTrue();

        UUID sameKey = publish(key, 2);
        UUID otherKeyAfter = publish("OTHER-" + UUID.randomUUID(), 3);
        await().atMost(PATIENCE).until(() -> sent(otherKeyAfter));
        // Rows leave in position order: had the row of the parked key been eligible, it would have left first.
        assertThat(sent(sameKey)).isFalse();
        assertThat(sent(poison)).isFalse();

        // Other tests of this class park rows in the same table: compare with what the table holds.
        long parkedRows = jdbc.queryForObject("SELECT count(*) FROM outbox WHERE parked_at IS NOT NULL AND discarded_at IS NULL",
                Long.class);
        assertThat(parkedRows).isPositive();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(meters.get("conveyor.outbox.parked").gauge().value())
            .isEqualTo((double) parkedRows));
        assertThat(health.health().getDetails()).containsEntry("parked", parkedRows);

        // A row held behind a parked one waits, but does not age the outbox: backlog alarms and order admission read
        // that age, and one poison row must not look like a relay falling behind.
        jdbc.update("UPDATE outbox SET created_at = now() - interval '1 hour' WHERE id = ?", sameKey);
        assertThat(store.pending().oldestAge()).isLessThan(Duration.ofMinutes(1));
        assertThat(store.pending().count()).isPositive();
    }

    @Test
    void retryPutsTheRowBackInLineAheadOfTheRowsOfItsKey() throws Exception {
        String smallTopic = smallTopic();
        String key = "RETRY-" + UUID.randomUUID();
        UUID poison = insertTooLarge(smallTopic, key);
        awaitParked(poison);
        UUID sameKey = publish(key, 2);

        // The operator fixes the topic's limit, then retries the row.
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topics.physical(smallTopic)),
                List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048576"),
                        AlterConfigOp.OpType.SET)))).all().get();
        assertThat(endpoint.act(poison, "retry")).isEqualTo(new ParkedRowsEndpoint.Action(poison, "retry"));

        await().atMost(PATIENCE).until(() -> sent(sameKey));
        // Deleted in the same batch as the row of its key that waited, or before it.
        assertThat(sent(poison)).isTrue();
        await().atMost(PATIENCE).until(() -> bus.receivedOn(smallTopic).stream().anyMatch(record -> key.equals(record.key())));
        assertThat(endpoint.list()).extracting(OutboxStore.ParkedRow::id).doesNotContain(poison);
    }

    @Test
    void discardKeepsTheRowUnsentAndLetsItsKeyFlow() {
        String key = "DISCARD-" + UUID.randomUUID();
        UUID poison = insertTooLarge(smallTopic(), key);
        awaitParked(poison);
        UUID sameKey = publish(key, 2);

        assertThat(endpoint.act(poison, "discard")).isEqualTo(new ParkedRowsEndpoint.Action(poison, "discard"));

        await().atMost(PATIENCE).until(() -> sent(sameKey));
        bus.await(StockAdjusted.class, event -> event.sku().equals(key) && event.onHand() == 2, PATIENCE);
        assertThat(sent(poison)).isFalse();
        assertThat(jdbc.queryForObject("SELECT discarded_at IS NOT NULL FROM outbox WHERE id = ?", Boolean.class, poison)).isTrue();
        assertThat(endpoint.list()).extracting(OutboxStore.ParkedRow::id).doesNotContain(poison);
        // Only parked rows can be retried or discarded.
        assertThat(endpoint.act(poison, "retry")).isNull();
        assertThat(endpoint.act(UUID.randomUUID(), "discard")).isNull();
        assertThatExceptionOfType(InvalidEndpointRequestException.class).isThrownBy(() -> endpoint.act(poison, "delete"));
    }

    @Test
    void parksARowForATopicNameKafkaRefusesWithoutLettingLaterRowsOfItsKeyOvertakeIt() {
        String key = "INVALID-" + UUID.randomUUID();
        // One transaction: the refused row and a later row of its key are read in the same batch.
        String other = "OTHER-" + UUID.randomUUID();
        UUID poison = new TransactionTemplate(transactionManager).execute(status -> {
            UUID refused = insert("no spaces allowed", key, "{\"sku\": \"" + key + "\", \"onHand\": 1, \"reserved\": 0, \"available\": 1}");
            outbox.publish(new StockAdjusted(key, 2, 0, 2));
            outbox.publish(new StockAdjusted(other, 3, 0, 3));
            return refused;
        });
        UUID sameKey = lastRowOf(key);
        UUID otherKey = lastRowOf(other);
        relay.wakeUp();

        OutboxStore.ParkedRow parked = awaitParked(poison);
        assertThat(parked.error()).contains("InvalidTopicException");
        await().atMost(PATIENCE).until(() -> sent(otherKey));
        assertThat(sent(sameKey)).isFalse();
        assertThat(bus.received(StockAdjusted.class)).extracting(StockAdjusted::sku).doesNotContain(key);
    }

    private OutboxStore.ParkedRow awaitParked(UUID id) {
        return await().atMost(PATIENCE)
            .until(() -> endpoint.list().stream().filter(row -> row.id().equals(id)).findFirst(), java.util.Optional::isPresent)
            .orElseThrow();
    }

    /** A topic of its own, created with a small max.message.bytes; answers its logical name. */
    private String smallTopic() {
        String logical = "small-" + UUID.randomUUID().toString().substring(0, 8) + ".events";
        NewTopic topic = new NewTopic(topics.physical(logical), 1, (short) 1)
            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(SMALL_MAX_MESSAGE_BYTES)));
        try {
            admin.createTopics(Set.of(topic)).all().get();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not create " + logical, ex);
        }
        return logical;
    }

    /** A row whose record the topic refuses: its payload is several times the topic's limit, even compressed. */
    private UUID insertTooLarge(String topic, String key) {
        byte[] noise = new byte[SMALL_MAX_MESSAGE_BYTES * 4];
        RANDOM.nextBytes(noise);
        UUID id = new TransactionTemplate(transactionManager).execute(status -> insert(topic, key,
                "{\"sku\": \"" + key + "\", \"onHand\": 1, \"reserved\": 0, \"available\": 1, \"noise\": \""
                        + Base64.getEncoder().encodeToString(noise) + "\"}"));
        relay.wakeUp();
        return id;
    }

    private UUID insert(String topic, String key, String payload) {
        UUID id = UUID.randomUUID();
        StockAdjusted message = new StockAdjusted(key, 1, 0, 1);
        Instant now = Instant.now();
        store.insert(new OutboxRecord(id, "inventory", key, topic, key, MessageTypes.of(StockAdjusted.class).ceType(), payload,
                MessageContext.headersFor(id, MessageTypes.of(StockAdjusted.class), message, now), now));
        return id;
    }

    private UUID publish(String sku, int onHand) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> outbox.publish(new StockAdjusted(sku, onHand, 0, onHand)));
        return lastRowOf(sku);
    }

    /** The id of the key's latest row (the outbox writes a transaction's rows when it commits). */
    private UUID lastRowOf(String key) {
        return jdbc.queryForObject("SELECT id FROM outbox WHERE message_key = ? ORDER BY position DESC LIMIT 1", UUID.class, key);
    }

    /** Whether Kafka acknowledged the row: the relay deletes a row once it has. */
    private boolean sent(UUID id) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox WHERE id = ?", Integer.class, id) == 0;
    }
}
