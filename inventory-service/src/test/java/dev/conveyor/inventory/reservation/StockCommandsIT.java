package dev.conveyor.inventory.reservation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.inventory.CommitStock;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockAdjusted;
import dev.conveyor.events.inventory.StockCommitted;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReservationRejected;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.inventory.StockShortage;
import dev.conveyor.inventory.Answers;
import dev.conveyor.inventory.InventoryHttp;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every command of {@code inventory.commands}, sent through Kafka like the order service sends it, with its answer
 * on {@code inventory.events}, the stock it leaves, and its duplicates (redelivered with the same message id, and
 * repeated with a new one). "Nothing else was published" is checked on the topics once the service's outbox is sent:
 * every message a command caused (causation id = the command's message id), counted once each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class StockCommandsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    InventoryHttp http;

    final UUID orderId = UUID.randomUUID();

    final String sku = newSku();

    @BeforeEach
    void connect() {
        http = new InventoryHttp(port);
    }

    @Test
    void reservesStockForAnOrderAndPublishesTheNewLevels() {
        http.register(sku, 10);

        UUID command = bus.send(new ReserveStock(orderId, List.of(new StockLine(sku, 3))));

        assertThat(answerTo(command, StockReserved.class).lines()).containsExactly(new StockLine(sku, 3));
        assertThat(answerTo(command, StockAdjusted.class)).isEqualTo(new StockAdjusted(sku, 10, 3, 7));
        assertStock(sku, 10, 3);
    }

    @Test
    void reservesNothingWhenOneLineIsShort() {
        String scarce = newSku();
        http.register(sku, 10);
        http.register(scarce, 2);

        UUID command = bus.send(new ReserveStock(orderId, List.of(new StockLine(sku, 3), new StockLine(scarce, 5))));

        assertThat(answerTo(command, StockReservationRejected.class)).isEqualTo(new StockReservationRejected(orderId,
                StockReservationRejected.INSUFFICIENT_STOCK, List.of(new StockShortage(scarce, 5, 2))));
        assertThat(publishedCausedBy(command)).isEqualTo(1);
        assertStock(sku, 10, 0);
        assertStock(scarce, 2, 0);
    }

    @Test
    void rejectsAnUnknownSkuAsAnAnswerNotAnError() {
        String unknown = newSku();
        http.register(sku, 10);

        UUID command = bus.send(new ReserveStock(orderId, List.of(new StockLine(sku, 1), new StockLine(unknown, 2))));

        assertThat(answerTo(command, StockReservationRejected.class)).isEqualTo(new StockReservationRejected(orderId,
                StockReservationRejected.UNKNOWN_SKU, List.of(new StockShortage(unknown, 2, 0))));
        assertStock(sku, 10, 0);
        assertThat(bus.receivedOn("inventory.commands.dlt")).isEmpty();
    }

    @Test
    void releasesTheReservedStock() {
        reserve(sku, 10, 3);

        UUID command = bus.send(new ReleaseStock(orderId));

        assertThat(answerTo(command, StockReleased.class).lines()).containsExactly(new StockLine(sku, 3));
        assertThat(answerTo(command, StockAdjusted.class)).isEqualTo(new StockAdjusted(sku, 10, 0, 10));
        assertStock(sku, 10, 0);
    }

    @Test
    void commitsTheReservedStockLoweringOnHandAndReservedTogether() {
        reserve(sku, 10, 3);

        UUID command = bus.send(new CommitStock(orderId));

        assertThat(answerTo(command, StockCommitted.class).lines()).containsExactly(new StockLine(sku, 3));
        assertThat(answerTo(command, StockAdjusted.class)).isEqualTo(new StockAdjusted(sku, 7, 0, 7));
        assertStock(sku, 7, 0);
    }

    @Test
    void remembersAReleaseThatCameBeforeTheReservationAndRefusesTheLateReservation() {
        http.register(sku, 10);

        UUID release = bus.send(new ReleaseStock(orderId));
        assertThat(answerTo(release, StockReleased.class).lines()).isEmpty();

        UUID reserve = bus.send(new ReserveStock(orderId, List.of(new StockLine(sku, 3))));

        assertThat(answerTo(reserve, StockReservationRejected.class)).isEqualTo(new StockReservationRejected(orderId,
                StockReservationRejected.RESERVATION_RELEASED, List.of()));
        assertThat(publishedCausedBy(reserve)).isEqualTo(1);
        assertStock(sku, 10, 0);
    }

    @Test
    void refusesAReleaseAfterTheCommitAndAnswersWithTheCommitAgain() {
        reserve(sku, 10, 3);
        answerTo(bus.send(new CommitStock(orderId)), StockCommitted.class);

        UUID release = bus.send(new ReleaseStock(orderId));

        assertThat(answerTo(release, StockCommitted.class).lines()).containsExactly(new StockLine(sku, 3));
        assertThat(publishedCausedBy(release)).isEqualTo(1);
        assertStock(sku, 7, 0);
    }

    @Test
    void commitsNothingForAnOrderWithoutReservation() {
        UUID command = bus.send(new CommitStock(orderId));

        assertThat(answerTo(command, StockCommitted.class).lines()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reservation WHERE order_id = ?", Long.class, orderId))
            .isZero();
    }

    @Test
    void skipsARedeliveredReserveStockAndAnswersARepeatedOneWithTheSameReservation() {
        http.register(sku, 10);
        ReserveStock reserveStock = new ReserveStock(orderId, List.of(new StockLine(sku, 3)));
        UUID first = bus.send(reserveStock);
        answerTo(first, StockReserved.class);

        bus.send(reserveStock, first);
        UUID repeated = bus.send(reserveStock);

        // Same partition (keyed by orderId): once the repeat is answered, the redelivery has been consumed.
        assertThat(answerTo(repeated, StockReserved.class).lines()).containsExactly(new StockLine(sku, 3));
        assertThat(publishedCausedBy(first)).as("StockReserved + StockAdjusted, once").isEqualTo(2);
        assertThat(publishedCausedBy(repeated)).as("StockReserved only, no stock change").isEqualTo(1);
        assertStock(sku, 10, 3);
    }

    @Test
    void answersARepeatedRejectedReserveStockWithTheSameRejectionEvenOnceRestocked() {
        http.register(sku, 2);
        ReserveStock reserveStock = new ReserveStock(orderId, List.of(new StockLine(sku, 3)));
        StockReservationRejected rejection = answerTo(bus.send(reserveStock), StockReservationRejected.class);
        assertThat(http.post("/api/products/" + sku + "/restock", "{\"quantity\": 5}").status()).isEqualTo(200);

        UUID repeated = bus.send(reserveStock);

        assertThat(answerTo(repeated, StockReservationRejected.class)).isEqualTo(rejection);
        assertStock(sku, 7, 0);
    }

    @Test
    void skipsARedeliveredReleaseStockAndAnswersARepeatedOneWithTheSameRelease() {
        reserve(sku, 10, 3);
        UUID first = bus.send(new ReleaseStock(orderId));
        answerTo(first, StockReleased.class);

        bus.send(new ReleaseStock(orderId), first);
        UUID repeated = bus.send(new ReleaseStock(orderId));

        assertThat(answerTo(repeated, StockReleased.class).lines()).containsExactly(new StockLine(sku, 3));
        assertThat(publishedCausedBy(first)).isEqualTo(2);
        assertThat(publishedCausedBy(repeated)).isEqualTo(1);
        assertStock(sku, 10, 0);
    }

    @Test
    void skipsARedeliveredCommitStockAndAnswersARepeatedOneWithTheSameCommit() {
        reserve(sku, 10, 3);
        UUID first = bus.send(new CommitStock(orderId));
        answerTo(first, StockCommitted.class);

        bus.send(new CommitStock(orderId), first);
        UUID repeated = bus.send(new CommitStock(orderId));

        assertThat(answerTo(repeated, StockCommitted.class).lines()).containsExactly(new StockLine(sku, 3));
        assertThat(publishedCausedBy(first)).isEqualTo(2);
        assertThat(publishedCausedBy(repeated)).isEqualTo(1);
        assertStock(sku, 7, 0);
    }

    @Test
    void skipsARedeliveredEarlyReleaseAndKeepsItsReleasedReservation() {
        http.register(sku, 10);
        UUID first = bus.send(new ReleaseStock(orderId));
        answerTo(first, StockReleased.class);

        bus.send(new ReleaseStock(orderId), first);
        UUID repeated = bus.send(new ReleaseStock(orderId));

        assertThat(answerTo(repeated, StockReleased.class).lines()).isEmpty();
        assertThat(publishedCausedBy(first)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT status FROM reservation WHERE order_id = ?", String.class, orderId))
            .isEqualTo("RELEASED");
    }

    private void reserve(String sku, int stock, int quantity) {
        http.register(sku, stock);
        answerTo(bus.send(new ReserveStock(orderId, List.of(new StockLine(sku, quantity)))), StockReserved.class);
    }

    /** Waits for the message of this type published in answer to the command, and answers it. */
    private <T extends Message> T answerTo(UUID command, Class<T> type) {
        return await().alias(type.getSimpleName() + " caused by " + command)
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> Answers.causedBy(bus, command, type), answers -> !answers.isEmpty())
            .getFirst();
    }

    private long publishedCausedBy(UUID command) {
        bus.awaitRelayed(jdbc.getDataSource());
        return Answers.countCausedBy(bus, command);
    }

    private void assertStock(String sku, int onHand, int reserved) {
        JsonNode product = http.product(sku);
        assertThat(product.path("onHand").asInt()).as("on hand").isEqualTo(onHand);
        assertThat(product.path("reserved").asInt()).as("reserved").isEqualTo(reserved);
        assertThat(product.path("available").asInt()).as("available").isEqualTo(onHand - reserved);
    }

    private static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    }
}
