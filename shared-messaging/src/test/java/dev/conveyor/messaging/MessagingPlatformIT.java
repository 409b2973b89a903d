package dev.conveyor.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@RealInfrastructure
class MessagingPlatformIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    Outbox outbox;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DeadLetters deadLetters;

    @Autowired
    MessageCodec codec;

    @Autowired
    TestApplication.FaultSwitch faults;

    @Autowired
    MeterRegistry meters;

    @Autowired
    @Qualifier("conveyorTestNamespace")
    String namespace;

    TransactionTemplate transactions;

    @Autowired
    MessageBus bus;

    @BeforeEach
    void connect() {
        transactions = new TransactionTemplate(transactionManager);
    }

    @Test
    void refusesToPublishOutsideATransaction() {
        assertThatIllegalStateException().isThrownBy(() -> outbox.publish(new ReleaseStock(UUID.randomUUID())))
            .withMessageContaining("needs an active transaction");
    }

    @Test
    void publishesNothingWhenTheBusinessTransactionRollsBack() {
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            outbox.publish(new StockReleased(rolledBack, List.of()));
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> outbox.publish(new StockReleased(committed, List.of())));

        bus.await(StockReleased.class, event -> event.orderId().equals(committed), PATIENCE);
        // Everything committed is on the topics once the outbox is sent (the table is no record: sent rows are deleted).
        bus.awaitRelayed(jdbc.getDataSource());
        assertThat(bus.received(StockReleased.class)).extracting(StockReleased::orderId).doesNotContain(rolledBack);
    }

    @Test
    void keepsEveryKeysMessagesInCommitOrderUnderConcurrency() throws Exception {
        int keys = 8;
        int messagesPerKey = 40;
        List<String> skus = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String sku = "SEQ-" + UUID.randomUUID();
            skus.add(sku);
            jdbc.update("INSERT INTO sequence_counter (sku, value) VALUES (?, 0)", sku);
        }
        ExecutorService writers = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < keys * messagesPerKey; i++) {
                String sku = skus.get(i % keys);
                done.add(writers.submit(() -> transactions.executeWithoutResult(status -> {
                    // The row lock orders the transactions of one key: the sequence is their commit order.
                    int next = jdbc.queryForObject("UPDATE sequence_counter SET value = value + 1 WHERE sku = ? RETURNING value",
                            Integer.class, sku);
                    outbox.publish(new StockAdjusted(sku, next, 0, next));
                })));
            }
            for (Future<?> future : done) {
                future.get();
            }
        }
        finally {
            writers.shutdown();
        }

        await().atMost(PATIENCE).until(() -> bus.received(StockAdjusted.class).stream()
            .filter(event -> skus.contains(event.sku())).count() >= keys * messagesPerKey);
        Map<String, List<Integer>> sequences = new HashMap<>();
        bus.received(StockAdjusted.class).stream().filter(event -> skus.contains(event.sku()))
            .forEach(event -> sequences.computeIfAbsent(event.sku(), sku -> new ArrayList<>()).add(event.onHand()));
        List<Integer> expected = java.util.stream.IntStream.rangeClosed(1, messagesPerKey).boxed().toList();
        assertThat(sequences).hasSize(keys).allSatisfy((sku, sequence) -> assertThat(sequence).isEqualTo(expected));
    }

    @Test
    void handlesACommandOnceAndAnswersWithCausationAndCorrelation() {
        UUID orderId = UUID.randomUUID();
        UUID commandId = bus.send(new ReserveStock(orderId, List.of(new StockLine("SKU-1", 2))));

        bus.await(StockReserved.class, event -> event.orderId().equals(orderId), PATIENCE);
        MessageBus.Received answer = bus.receivedOn("inventory.events").stream()
            .filter(record -> orderId.toString().equals(record.key()))
            .findFirst()
            .orElseThrow();
        assertThat(answer.headers()).containsEntry("ce_causationid", commandId.toString())
            .containsEntry("ce_correlationid", orderId.toString())
            .containsEntry("ce_source", "/inventory-service")
            .containsEntry("ce_type", "dev.conveyor.inventory.StockReserved.v1")
            .containsKey("traceparent");
        assertThat(ledger(orderId, "reserved")).isEqualTo(1);
    }

    @Test
    void skipsARedeliveredMessageAndCountsIt() {
        UUID orderId = UUID.randomUUID();
        ReserveStock command = new ReserveStock(orderId, List.of(new StockLine("SKU-2", 1)));
        UUID id = bus.send(command);
        bus.await(StockReserved.class, event -> event.orderId().equals(orderId), PATIENCE);
        double duplicatesBefore = duplicates();

        bus.send(command, id);
        UUID marker = UUID.randomUUID();
        bus.send(new ReserveStock(marker, List.of(new StockLine("SKU-2", 1))));
        bus.await(StockReserved.class, event -> event.orderId().equals(marker), PATIENCE);

        await().atMost(PATIENCE).until(() -> duplicates() > duplicatesBefore);
        assertThat(ledger(orderId, "reserved")).isEqualTo(1);
        assertThat(bus.received(StockReserved.class)).filteredOn(event -> event.orderId().equals(orderId)).hasSize(1);
    }

    @Test
    void acknowledgesMessagesOfTypesItDoesNotHandle() {
        String sku = "IGNORED-" + UUID.randomUUID();
        bus.send(new StockAdjusted(sku, 1, 0, 1));
        UUID marker = UUID.randomUUID();
        bus.send(new ReserveStock(marker, List.of(new StockLine("SKU-3", 1))));

        bus.await(StockReserved.class, event -> event.orderId().equals(marker), PATIENCE);
        assertThat(bus.receivedOn("inventory.events.dlt")).noneMatch(record -> sku.equals(record.key()));
    }

    @Test
    void deadLettersAPoisonRecordAndMovesOn() {
        UUID poisonOrder = UUID.randomUUID();
        bus.sendRaw("inventory.commands", poisonOrder.toString(), "{not json".getBytes(),
                reserveStockHeaders(UUID.randomUUID(), "/order-service"));
        UUID next = UUID.randomUUID();
        bus.send(new ReserveStock(next, List.of(new StockLine("SKU-4", 1))));

        bus.await(StockReserved.class, event -> event.orderId().equals(next), PATIENCE);
        MessageBus.Received deadLetter = await().atMost(PATIENCE)
            .until(() -> bus.receivedOn("inventory.commands.dlt").stream()
                .filter(record -> poisonOrder.toString().equals(record.key())).findFirst(), java.util.Optional::isPresent)
            .orElseThrow();
        assertThat(deadLetter.headers()).containsEntry("kafka_dlt-original-topic", namespace + ".inventory.commands")
            .containsKeys("kafka_dlt-original-partition", "kafka_dlt-original-offset", "kafka_dlt-exception-stacktrace")
            .hasEntrySatisfying("kafka_dlt-exception-message", reason -> assertThat(reason).contains("does not match its contract"));
    }

    @Test
    void deadLettersACommandFromAServiceThatDoesNotOwnItsTypeOrOnAnotherTopicUnhandled() {
        UUID forged = UUID.randomUUID();
        UUID forgedId = UUID.randomUUID();
        UUID misrouted = UUID.randomUUID();
        UUID misroutedId = UUID.randomUUID();
        bus.sendRaw("inventory.commands", forged.toString(), reserveStockJson(forged),
                reserveStockHeaders(forgedId, "/payment-service"));
        bus.sendRaw("payments.events", misrouted.toString(), reserveStockJson(misrouted),
                reserveStockHeaders(misroutedId, "/order-service"));
        UUID next = UUID.randomUUID();
        bus.send(new ReserveStock(next, List.of(new StockLine("SKU-4", 1))));

        bus.await(StockReserved.class, event -> event.orderId().equals(next), PATIENCE);
        assertThat(awaitDeadLetter("inventory.commands.dlt", forgedId).headers())
            .hasEntrySatisfying("kafka_dlt-exception-message", reason -> assertThat(reason)
                .contains("came from /payment-service on inventory.commands, but only /order-service writes it"));
        assertThat(awaitDeadLetter("payments.events.dlt", misroutedId).headers())
            .hasEntrySatisfying("kafka_dlt-exception-message", reason -> assertThat(reason)
                .contains("came from /order-service on payments.events, but only /order-service writes it, on "
                        + "inventory.commands"));
        assertThat(ledger(forged, "reserved")).isZero();
        assertThat(ledger(misrouted, "reserved")).isZero();
    }

    private byte[] reserveStockJson(UUID orderId) {
        return codec.toJson(new ReserveStock(orderId, List.of(new StockLine("SKU-5", 1))))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The CloudEvents headers of a ReserveStock written by hand, claiming to come from {@code source}. */
    private static Map<String, String> reserveStockHeaders(UUID id, String source) {
        return Map.of("ce_specversion", "1.0", "ce_id", id.toString(), "ce_source", source, "ce_type",
                "dev.conveyor.inventory.ReserveStock.v1", "content-type", "application/json");
    }

    @Test
    void retriesAFailingHandlerThenDeadLettersItAndReplaysItOnceAfterTheFix() {
        UUID orderId = UUID.randomUUID();
        faults.failing.add(orderId);
        bus.send(new ReleaseStock(orderId));
        UUID next = UUID.randomUUID();
        bus.send(new ReleaseStock(next));

        bus.await(StockReleased.class, event -> event.orderId().equals(next), PATIENCE);
        DeadLetters.DeadLetter letter = await().atMost(PATIENCE)
            .until(() -> deadLetters.list(100).stream().filter(dead -> orderId.toString().equals(dead.key())).findFirst(),
                    java.util.Optional::isPresent)
            .orElseThrow();
        assertThat(letter.originalTopic()).isEqualTo("inventory.commands");
        assertThat(letter.reason()).contains("fails on purpose");
        assertThat(ledger(orderId, "released")).isZero();

        faults.failing.remove(orderId);
        deadLetters.replay(letter.topic(), letter.partition(), letter.offset());
        bus.await(StockReleased.class, event -> event.orderId().equals(orderId), PATIENCE);
        deadLetters.replay(letter.topic(), letter.partition(), letter.offset());
        UUID marker = UUID.randomUUID();
        bus.send(new ReleaseStock(marker));
        bus.await(StockReleased.class, event -> event.orderId().equals(marker), PATIENCE);

        assertThat(ledger(orderId, "released")).isEqualTo(1);
    }

    @Test
    void deadLettersARequestThatCanNeverSucceedAtOnceWithoutRetrying() {
        UUID orderId = UUID.randomUUID();
        faults.impossible.add(orderId);
        UUID id = bus.send(new ReserveStock(orderId, List.of(new StockLine("SKU-6", 1))));
        UUID next = UUID.randomUUID();
        bus.send(new ReserveStock(next, List.of(new StockLine("SKU-6", 1))));

        bus.await(StockReserved.class, event -> event.orderId().equals(next), PATIENCE);
        MessageBus.Received deadLetter = awaitDeadLetter("inventory.commands.dlt", id);
        assertThat(faults.reservationAttempts.get(orderId)).as("handled once, never retried").hasValue(1);
        assertThat(deadLetter.headers())
            .containsEntry("kafka_dlt-exception-cause-fqcn", TestApplication.ImpossibleReservation.class.getName())
            .hasEntrySatisfying("kafka_dlt-exception-message", reason -> assertThat(reason).contains("can never succeed"));
        assertThat(ledger(orderId, "reserved")).isZero();
    }

    @Test
    void deadLettersARefusedArgumentAtOnceWithoutRetrying() {
        UUID orderId = UUID.randomUUID();
        UUID id = bus.send(new ReserveStock(orderId, List.of(new StockLine(TestApplication.REFUSED_SKU_PREFIX + "1", 1))));

        MessageBus.Received deadLetter = awaitDeadLetter("inventory.commands.dlt", id);
        assertThat(faults.reservationAttempts.get(orderId)).as("handled once, never retried").hasValue(1);
        assertThat(deadLetter.headers())
            .containsEntry("kafka_dlt-exception-cause-fqcn", IllegalArgumentException.class.getName())
            .hasEntrySatisfying("kafka_dlt-exception-message", reason -> assertThat(reason).contains("refuses"));
    }

    @Test
    void sendsAgainWhenTheRelayDiesBetweenAcknowledgementAndDeleteAndTheHandlerAppliesOnce() {
        // The DELETE of the acknowledged rows fails, as if the relay died right after Kafka acknowledged the batch.
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_delete() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'relay died before deleting'; END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER refuse_delete BEFORE DELETE ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_delete()");
        List<UUID> orders = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                UUID orderId = UUID.randomUUID();
                orders.add(orderId);
                transactions.executeWithoutResult(status -> outbox.publish(new ReserveStock(orderId, List.of(new StockLine("SKU-5", 1)))));
            }
            await().atMost(PATIENCE).until(() -> orders.stream().allMatch(orderId -> bus.receivedOn("inventory.commands").stream()
                .filter(record -> orderId.toString().equals(record.key())).count() >= 2));
        }
        finally {
            jdbc.execute("DROP TRIGGER refuse_delete ON outbox");
        }

        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox WHERE published_at IS NULL", Integer.class) == 0);
        UUID marker = UUID.randomUUID();
        bus.send(new ReserveStock(marker, List.of(new StockLine("SKU-5", 1))));
        bus.await(StockReserved.class, event -> event.orderId().equals(marker), PATIENCE);
        assertThat(orders).allSatisfy(orderId -> assertThat(ledger(orderId, "reserved")).isEqualTo(1));
    }

    @Test
    void publishesRecordsThatAStockCloudEventsSdkReads() {
        UUID orderId = UUID.randomUUID();
        transactions.executeWithoutResult(status -> outbox.publish(new StockReleased(orderId, List.of())));

        bus.await(StockReleased.class, event -> event.orderId().equals(orderId), PATIENCE);
        MessageBus.Received record = bus.receivedOn("inventory.events").stream()
            .filter(received -> orderId.toString().equals(received.key())).findFirst().orElseThrow();
        RecordHeaders headers = new RecordHeaders();
        record.headers().forEach((name, value) -> headers.add(name, value.getBytes()));
        MessageReader reader = KafkaMessageFactory.createReader(headers, record.value());
        CloudEvent event = reader.toEvent();

        assertThat(event.getSpecVersion()).isEqualTo(SpecVersion.V1);
        assertThat(UUID.fromString(event.getId())).isNotNull();
        assertThat(event.getSource()).hasToString("/inventory-service");
        assertThat(event.getType()).isEqualTo("dev.conveyor.inventory.StockReleased.v1");
        assertThat(event.getSubject()).isEqualTo(orderId.toString());
        assertThat(event.getTime()).isNotNull();
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        assertThat(event.getExtension("correlationid")).isEqualTo(orderId.toString());
        assertThat(new String(event.getData().toBytes())).contains(orderId.toString());
        assertThat(record.headers().get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    private MessageBus.Received awaitDeadLetter(String topic, UUID messageId) {
        return await().atMost(PATIENCE)
            .until(() -> bus.receivedOn(topic).stream().filter(record -> messageId.toString().equals(record.id())).findFirst(),
                    java.util.Optional::isPresent)
            .orElseThrow();
    }

    private int ledger(UUID orderId, String effect) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger WHERE order_id = ? AND effect = ?", Integer.class, orderId, effect);
    }

    private double duplicates() {
        return meters.find("conveyor.inbox.duplicates").counters().stream().map(Counter::count).reduce(0.0, Double::sum);
    }
}
