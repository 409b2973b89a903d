package dev.conveyor.messaging;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.Message;
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
import static org.awaitility.Awaitility.await;

/**
 * The records of a poll are handled per partition in one transaction, and one at a time only to isolate a failure.
 * Each test stops the consumers, sends its records (all with one key, so one partition) and starts the consumers
 * again, so that the records arrive together in one poll.
 */
@SpringBootTest
@RealInfrastructure
class BatchConsumptionIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final MessageCodec CODEC = new MessageCodec();

    @Autowired
    MessageListeners listeners;

    @Autowired
    TestApplication.FaultSwitch faults;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MessageBus bus;

    /**
     * The relay deletes outbox rows once Kafka has them: a trigger keeps a copy of every row written, in the writing
     * transaction (so with its transaction id in {@code xmin}), for the assertions on what was written.
     */
    @BeforeEach
    void keepACopyOfEveryOutboxRowWritten() {
        jdbc.execute("CREATE TABLE IF NOT EXISTS outbox_written (LIKE outbox)");
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION copy_outbox_row() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO outbox_written SELECT NEW.*;
                    RETURN NULL;
                END $$""");
        jdbc.execute("CREATE OR REPLACE TRIGGER copy_outbox_row AFTER INSERT ON outbox FOR EACH ROW"
                + " EXECUTE FUNCTION copy_outbox_row()");
    }

    @Test
    void handlesThePollsRecordsOfAPartitionInOneTransactionWithTheirOutboxRows() {
        String key = "batch-" + UUID.randomUUID();
        List<UUID> orders = orders(10);

        whileStopped(() -> orders.forEach(order -> send(key, new ReleaseStock(order), UUID.randomUUID())));

        await().atMost(PATIENCE).until(() -> ledger(orders, "released") == orders.size());
        // Rows written by one transaction carry its id in xmin: the ledger rows and the outbox rows share one.
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM ledger WHERE order_id = ANY (?)",
                Integer.class, (Object) orders.toArray(UUID[]::new))).isEqualTo(1);
        assertThat(jdbc.queryForObject("""
                SELECT count(DISTINCT xmin::text) FROM outbox_written WHERE aggregate_id = ANY (?)
                   OR xmin::text IN (SELECT xmin::text FROM ledger WHERE order_id = ANY (?))""", Integer.class,
                (Object) orders.stream().map(UUID::toString).toArray(String[]::new), (Object) orders.toArray(UUID[]::new)))
            .isEqualTo(1);
    }

    @Test
    void preparesABatchWithTheMessagesItHandlesBeforeItsHandlersInItsTransaction() {
        String key = "prepared-" + UUID.randomUUID();
        List<UUID> orders = orders(5);
        faults.prepared.addAll(orders);
        List<UUID> ids = orders.stream().map(order -> UUID.randomUUID()).toList();

        whileStopped(() -> {
            for (int i = 0; i < orders.size(); i++) {
                send(key, new ReleaseStock(orders.get(i)), ids.get(i));
            }
            send(key, new ReleaseStock(orders.get(1)), ids.get(1));
        });

        await().atMost(PATIENCE).until(() -> ledger(orders, "released") == orders.size());
        assertThat(ledger(orders, "prepared")).as("once each; the duplicate is left out").isEqualTo(orders.size());
        List<String> effects = jdbc.queryForList("SELECT effect FROM ledger WHERE order_id = ANY (?) ORDER BY position",
                String.class, (Object) orders.toArray(UUID[]::new));
        assertThat(effects.subList(0, orders.size())).as("every message prepared before the first handler").containsOnly("prepared");
        assertThat(jdbc.queryForList("SELECT order_id FROM ledger WHERE order_id = ANY (?) AND effect = 'prepared' ORDER BY position",
                UUID.class, (Object) orders.toArray(UUID[]::new))).as("in the order they are handled").containsExactlyElementsOf(orders);
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM ledger WHERE order_id = ANY (?)",
                Integer.class, (Object) orders.toArray(UUID[]::new))).as("in the batch's transaction").isEqualTo(1);
    }

    @Test
    void deadLettersOnlyTheRecordThatFailsForGoodAndHandlesItsNeighboursOnce() {
        String key = "isolate-" + UUID.randomUUID();
        List<UUID> orders = orders(6);
        UUID bad = orders.get(3);
        faults.impossible.add(bad);
        List<UUID> ids = new ArrayList<>();

        whileStopped(() -> orders.forEach(order -> ids.add(send(key, new ReserveStock(order, List.of(new StockLine("SKU-B", 1))),
                UUID.randomUUID()))));

        List<UUID> good = orders.stream().filter(order -> !order.equals(bad)).toList();
        good.forEach(order -> bus.await(StockReserved.class, event -> event.orderId().equals(order), PATIENCE));
        await().atMost(PATIENCE).until(() -> deadLettered("inventory.commands.dlt", ids).size() == 1);
        assertThat(deadLettered("inventory.commands.dlt", ids)).containsExactly(ids.get(3).toString());
        assertThat(faults.reservationAttempts.get(bad)).as("a permanent failure is not retried").hasValue(1);
        good.forEach(order -> assertThat(ledger(List.of(order), "reserved")).as("handled once").isEqualTo(1));
        assertThat(ledger(List.of(bad), "reserved")).isZero();
        assertThat(bus.received(StockReserved.class).stream().filter(event -> good.contains(event.orderId()))).hasSize(good.size());
    }

    @Test
    void retriesATransientFailureInsideABatchWithoutLosingOrReorderingRecords() {
        String key = "order-" + UUID.randomUUID();
        List<UUID> orders = orders(30);
        UUID waiting = orders.get(10);
        UUID unknown = orders.get(20);
        faults.unavailable.add(waiting);

        whileStopped(() -> orders.forEach(order -> send(key, new ReleaseStock(order), UUID.randomUUID())));
        await().atMost(PATIENCE).until(() -> faults.releaseAttempts.getOrDefault(waiting, new AtomicInteger()).get() >= 3);
        assertThat(ledger(orders.subList(11, 30), "released")).as("the records behind it wait").isZero();
        faults.failing.add(unknown);
        faults.unavailable.remove(waiting);

        await().atMost(PATIENCE).until(() -> ledger(orders, "released") == orders.size() - 1);
        assertThat(jdbc.queryForList("SELECT order_id FROM ledger WHERE order_id = ANY (?) ORDER BY position", UUID.class,
                (Object) orders.toArray(UUID[]::new)))
            .as("applied once each, in the order sent")
            .containsExactlyElementsOf(orders.stream().filter(order -> !order.equals(unknown)).toList());
        assertThat(ledger(List.of(unknown), "released")).as("a failure of unknown reason, dead-lettered").isZero();
    }

    @Test
    void skipsDuplicatesWithinABatchAndAcrossBatches() {
        String key = "duplicates-" + UUID.randomUUID();
        List<UUID> orders = orders(3);
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        double duplicatesBefore = duplicates();

        whileStopped(() -> {
            send(key, new ReleaseStock(orders.get(0)), ids.get(0));
            send(key, new ReleaseStock(orders.get(1)), ids.get(1));
            send(key, new ReleaseStock(orders.get(0)), ids.get(0));
            send(key, new ReleaseStock(orders.get(2)), ids.get(2));
        });
        await().atMost(PATIENCE).until(() -> ledger(orders, "released") == 3);
        send(key, new ReleaseStock(orders.get(1)), ids.get(1));
        UUID marker = UUID.randomUUID();
        send(key, new ReleaseStock(marker), UUID.randomUUID());
        await().atMost(PATIENCE).until(() -> ledger(List.of(marker), "released") == 1);

        orders.forEach(order -> assertThat(ledger(List.of(order), "released")).isEqualTo(1));
        assertThat(duplicates() - duplicatesBefore).isEqualTo(2.0);
        assertThat(bus.received(StockReleased.class).stream().filter(event -> orders.contains(event.orderId()))).hasSize(3);
    }

    @Test
    void writesTheOutboxRowsOfATransactionInOneStatementBeforeItCommits() {
        AtomicInteger outboxInserts = new AtomicInteger();
        DataSource counting = countingOutboxInserts(dataSource, outboxInserts);
        Outbox outbox = new Outbox(new OutboxStore(new JdbcTemplate(counting), CODEC.mapper()), CODEC, () -> {
        }, Clock.systemUTC());
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(counting));
        String sku = "ONE-STATEMENT-" + UUID.randomUUID();

        transactions.executeWithoutResult(status -> {
            for (int i = 1; i <= 5; i++) {
                outbox.publish(new StockAdjusted(sku, i, 0, i));
            }
            assertThat(new JdbcTemplate(counting).queryForObject("SELECT count(*) FROM outbox WHERE aggregate_id = ?",
                    Integer.class, sku)).as("nothing written before the commit, even in the transaction").isZero();
        });

        assertThat(outboxInserts).hasValue(1);
        assertThat(jdbc.queryForList("SELECT payload->>'onHand' FROM outbox_written WHERE aggregate_id = ? ORDER BY position",
                String.class, sku)).containsExactly("1", "2", "3", "4", "5");

        transactions.executeWithoutResult(status -> {
            outbox.publish(new StockAdjusted(sku, 6, 0, 6));
            status.setRollbackOnly();
        });
        assertThat(outboxInserts).as("a transaction that rolls back writes nothing").hasValue(1);
        assertThat(outboxRows(sku)).isEqualTo(5);
    }

    private void whileStopped(Runnable sending) {
        listeners.stop();
        try {
            sending.run();
        }
        finally {
            listeners.start();
        }
    }

    private UUID send(String key, Message message, UUID id) {
        return bus.send(message, key, id);
    }

    private static List<UUID> orders(int count) {
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            orders.add(UUID.randomUUID());
        }
        return orders;
    }

    private int ledger(List<UUID> orders, String effect) {
        return jdbc.queryForObject("SELECT count(*) FROM ledger WHERE order_id = ANY (?) AND effect = ?", Integer.class,
                orders.toArray(UUID[]::new), effect);
    }

    /** How many outbox rows were written for the aggregate (committed; the relay may have deleted them since). */
    private int outboxRows(String aggregateId) {
        return jdbc.queryForObject("SELECT count(*) FROM outbox_written WHERE aggregate_id = ?", Integer.class, aggregateId);
    }

    private List<String> deadLettered(String topic, List<UUID> ids) {
        List<String> wanted = ids.stream().map(UUID::toString).toList();
        return bus.receivedOn(topic).stream().map(MessageBus.Received::id).filter(wanted::contains).toList();
    }

    private double duplicates() {
        return meters.find("conveyor.inbox.duplicates").counters().stream().map(Counter::count).reduce(0.0, Double::sum);
    }

    /** The data source, counting the executions of statements that insert into the outbox. */
    private static DataSource countingOutboxInserts(DataSource target, AtomicInteger executions) {
        return proxy(DataSource.class, target, (method, result, args) -> (result instanceof Connection connection)
                ? proxy(Connection.class, connection, (connectionMethod, statement, sql) ->
                        (statement instanceof PreparedStatement prepared && sql.length > 0 && sql[0] instanceof String text
                                && text.contains("INSERT INTO outbox"))
                                ? proxy(PreparedStatement.class, prepared, (statementMethod, executed, none) -> {
                                    if (statementMethod.getName().startsWith("execute")) {
                                        executions.incrementAndGet();
                                    }
                                    return executed;
                                })
                                : statement)
                : result);
    }

    private interface Decorator {

        Object decorate(Method method, Object result, Object[] args);
    }

    private static <T> T proxy(Class<T> type, T target, Decorator decorator) {
        return type.cast(Proxy.newProxyInstance(BatchConsumptionIT.class.getClassLoader(), new Class<?>[] { type },
                (proxy, method, args) -> {
                    try {
                        return decorator.decorate(method, method.invoke(target, args), (args != null) ? args : new Object[0]);
                    }
                    catch (InvocationTargetException ex) {
                        throw ex.getCause();
                    }
                }));
    }
}
