package dev.conveyor.messaging;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageTypes;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;
import dev.conveyor.testkit.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's database goes away while messages arrive: every handler attempt fails to get a connection, for far
 * longer than the bounded retries of an unknown failure (two retries, 50 to 200 ms, here) would last. The messages
 * wait, in order, and are all handled once the database is back; nothing is dead-lettered.
 * <p>
 * The outage is made on this test's own database only, by its owner, connected to the server's {@code postgres}
 * database: it stops the test database from accepting connections and ends every session on it, then allows
 * connections again.
 */
@SpringBootTest(properties = { "spring.datasource.hikari.connection-timeout=500",
        "conveyor.messaging.consumer.transient-max-backoff=500ms" })
@RealInfrastructure
class DatabaseOutageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** Failed attempts to wait for before the database comes back: each takes a connection timeout of 0.5 s at least. */
    private static final int RETRIES_DURING_OUTAGE = 6;

    @Autowired
    TestDatabase database;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MessageBus bus;

    @Test
    void retriesWhileTheDatabaseIsAwayAndHandlesEveryMessageInOrderOnceItIsBack() throws SQLException {
        List<UUID> orders = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(maintenanceUrl(), database.username(), database.password())) {
            refuseConnections(admin);
            try {
                for (int i = 0; i < 4; i++) {
                    UUID orderId = UUID.randomUUID();
                    orders.add(orderId);
                    bus.send(new ReserveStock(orderId, List.of(new StockLine("SKU-DB", 1))));
                    bus.send(new ReleaseStock(orderId));
                }
                await().atMost(PATIENCE).until(() -> transientRetries() >= RETRIES_DURING_OUTAGE
                        || !bus.receivedOn("inventory.commands.dlt").isEmpty());
                assertThat(bus.receivedOn("inventory.commands.dlt")).as("nothing dead-lettered during the outage").isEmpty();
            }
            finally {
                allowConnections(admin);
            }
        }

        for (UUID orderId : orders) {
            bus.await(StockReleased.class, event -> event.orderId().equals(orderId), PATIENCE);
        }
        for (UUID orderId : orders) {
            List<MessageBus.Received> answers = bus.receivedOn("inventory.events").stream()
                .filter(record -> orderId.toString().equals(record.key()))
                .toList();
            assertThat(answers).as("the reservation, then the release, once each, for order %s", orderId)
                .extracting(MessageBus.Received::type)
                .containsExactly(type(StockReserved.class), type(StockReleased.class));
            assertThat(ledger(orderId)).containsExactly("reserved", "released");
        }
        assertThat(bus.receivedOn("inventory.commands.dlt")).isEmpty();
    }

    /** The server's {@code postgres} database, from which the test database can be closed and opened. */
    private String maintenanceUrl() {
        String url = database.jdbcUrl();
        return url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
    }

    /** Stops the test database from accepting connections and ends every session on it. */
    private void refuseConnections(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS false");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = '" + database.name() + "'");
        }
    }

    private void allowConnections(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE " + database.name() + " ALLOW_CONNECTIONS true");
        }
    }

    private double transientRetries() {
        return meters.find("conveyor.inbox.retries").tag("failure", "transient").counters().stream()
            .map(Counter::count).reduce(0.0, Double::sum);
    }

    private List<String> ledger(UUID orderId) {
        return jdbc.queryForList("SELECT effect FROM ledger WHERE order_id = ? ORDER BY applied_at", String.class, orderId);
    }

    private static String type(Class<? extends Message> message) {
        return MessageTypes.of(message).ceType();
    }
}
