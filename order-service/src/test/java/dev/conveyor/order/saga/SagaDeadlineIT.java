package dev.conveyor.order.saga;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.order.OrderCancelled;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentScheduled;
import dev.conveyor.order.OrderRequestMother;
import dev.conveyor.order.Storefront;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Step deadlines, shortened to 2 seconds: an unanswered step cancels the order with TIMED_OUT and compensates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "conveyor.order.saga.stock-timeout=2s", "conveyor.order.saga.payment-timeout=2s",
        "conveyor.order.saga.scan-interval=200ms" })
@RealInfrastructure
class SagaDeadlineIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    Storefront storefront;

    String sku;

    @BeforeEach
    void connect() {
        storefront = new Storefront(port);
        sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        storefront.seedProduct(bus, sku, "20.00", "EUR");
    }

    @Test
    void cancelsAnOrderInventoryNeverAnswersAndReleasesALateReservation() {
        UUID orderId = placed();

        OrderCancelled cancelled = bus.await(OrderCancelled.class, event -> event.orderId().equals(orderId));

        assertThat(cancelled.reason()).isEqualTo(OrderCancelled.TIMED_OUT);
        bus.await(ReleaseStock.class, command -> command.orderId().equals(orderId));
        assertThat(storefront.order(orderId)).containsEntry("status", "CANCELLED")
                .containsEntry("cancellationReason", "TIMED_OUT");
        assertThat(sent(orderId, VoidPayment.class)).as("no payment was requested").isZero();

        awaitProcessed(bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 1)))));
        assertThat(sent(orderId, ReleaseStock.class)).isEqualTo(2);
        assertThat(sent(orderId, AuthorizePayment.class)).isZero();
    }

    @Test
    void cancelsAnOrderPaymentNeverAnswersAndVoidsALateAuthorisation() {
        UUID orderId = placed();
        bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 1))));
        bus.await(AuthorizePayment.class, command -> command.orderId().equals(orderId));

        OrderCancelled cancelled = bus.await(OrderCancelled.class, event -> event.orderId().equals(orderId));

        assertThat(cancelled.reason()).isEqualTo(OrderCancelled.TIMED_OUT);
        bus.await(ReleaseStock.class, command -> command.orderId().equals(orderId));
        bus.await(VoidPayment.class, command -> command.orderId().equals(orderId));
        assertThat(jdbc.queryForObject("SELECT card_token FROM orders WHERE id = ?", String.class, orderId))
                .isNull();

        awaitProcessed(bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), new Money("20.00", "EUR"), "LATE")));
        assertThat(sent(orderId, VoidPayment.class)).isEqualTo(2);
        assertThat(sent(orderId, ScheduleShipment.class)).isZero();
        assertThat(storefront.status(orderId)).isEqualTo("CANCELLED");
    }

    @Test
    void leavesAnOrderWhoseStepsWereAnsweredInTimeAlone() {
        UUID orderId = placed();
        bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 1))));
        bus.await(AuthorizePayment.class, command -> command.orderId().equals(orderId));
        bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), new Money("20.00", "EUR"), "AUTH"));

        storefront.awaitStatus(orderId, "CONFIRMED");
        assertThat(awaiting(orderId)).as("waits for shipping to schedule").isEqualTo("SHIPMENT");

        awaitProcessed(bus.send(new ShipmentScheduled(orderId, UUID.randomUUID())));

        assertThat(awaiting(orderId)).as("the warehouse's dispatch has no deadline").isNull();
        assertThat(jdbc.queryForObject("SELECT deadline FROM orders WHERE id = ?", java.sql.Timestamp.class,
                orderId)).isNull();
        assertThat(sent(orderId, OrderCancelled.class)).isZero();
        assertThat(sent(orderId, ScheduleShipment.class)).as("answered in time: not sent again").isEqualTo(1);
    }

    private UUID placed() {
        UUID orderId = storefront.placeOrder(OrderRequestMother.orderOf("customer-" + UUID.randomUUID(), sku));
        bus.await(ReserveStock.class, command -> command.orderId().equals(orderId));
        return orderId;
    }

    private String awaiting(UUID orderId) {
        return jdbc.queryForObject("SELECT awaiting FROM orders WHERE id = ?", String.class, orderId);
    }

    private void awaitProcessed(UUID messageId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class,
                        messageId) == 1);
    }

    /** How many messages of the type the service published for the order, each once, once its outbox is sent. */
    private int sent(UUID orderId, Class<? extends Message> type) {
        return bus.countPublished(jdbc.getDataSource(), orderId.toString(), type);
    }
}
