package dev.conveyor.inventory.reservation;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.inventory.InventoryHttp;
import dev.conveyor.inventory.product.Product;
import dev.conveyor.inventory.product.ProductLocks;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch of commands locks every product it will change before its first command runs: those its reservations name
 * and those the reservations it releases or commits hold, and no other. Seen from a second connection, which finds
 * exactly those rows locked while the batch's transaction is open. Each command then asks for its products again and
 * gets the ones already locked, within that transaction only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class StockLocksIT {

    /** SQLSTATE lock_not_available: {@code FOR UPDATE NOWAIT} met a row another transaction holds. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    @LocalServerPort
    int port;

    @Autowired
    StockLocks locks;

    @Autowired
    ProductLocks productLocks;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    @Autowired
    MessageBus bus;

    InventoryHttp http;

    @BeforeEach
    void connect() {
        http = new InventoryHttp(port);
    }

    @Test
    void locksTheProductsOfEveryCommandOfTheBatchAndNoOthers() throws Exception {
        String reserved = newSku();
        String held = newSku();
        String untouched = newSku();
        List.of(reserved, held, untouched).forEach(sku -> http.register(sku, 10));
        UUID holder = UUID.randomUUID();
        bus.send(new ReserveStock(holder, List.of(new StockLine(held, 2))));
        bus.await(StockReserved.class, event -> event.orderId().equals(holder), Duration.ofSeconds(30));

        List<String> lockedElsewhere = transactions.execute(status -> {
            locks.prepare(List.of(new ReserveStock(UUID.randomUUID(), List.of(new StockLine(reserved, 1))),
                    new ReleaseStock(holder)));
            return List.of(reserved, held, untouched).stream().filter(this::lockedByAnotherTransaction).toList();
        });

        assertThat(lockedElsewhere).containsExactlyInAnyOrder(reserved, held);
        assertThat(lockedByAnotherTransaction(reserved)).as("released at the end of the batch's transaction").isFalse();
    }

    @Test
    void answersProductsItLockedBeforeInTheSameTransactionAndLocksAgainInTheNext() {
        String first = newSku();
        String second = newSku();
        String unknown = newSku();
        List.of(first, second).forEach(sku -> http.register(sku, 10));

        transactions.executeWithoutResult(status -> {
            Map<String, Product> batch = productLocks.lock(List.of(first, second, unknown));
            Map<String, Product> command = productLocks.lock(List.of(second, unknown));

            assertThat(batch).containsOnlyKeys(first, second);
            assertThat(command).containsOnlyKeys(second);
            assertThat(command.get(second)).isSameAs(batch.get(second));
        });
        boolean lockedAgain = transactions.execute(status -> {
            productLocks.lock(List.of(first));
            return lockedByAnotherTransaction(first);
        });

        assertThat(lockedAgain).as("what a transaction locked is not taken as locked by the next").isTrue();
    }

    private boolean lockedByAnotherTransaction(String sku) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1 FROM product WHERE sku = '" + sku + "' FOR UPDATE NOWAIT").close();
            return false;
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return true;
            }
            throw new IllegalStateException(e);
        }
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}
