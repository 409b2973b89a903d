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

import dev.conveyor.events.Money;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.order.OrderConfirmed;
import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.order.OrderRequestMother;
import dev.conveyor.order.Storefront;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A transition whose transaction rolls back publishes nothing: the outbox rows it wrote go with it. The failure is
 * forced after the messages were written to the outbox, when the order's update is flushed at commit and violates a
 * check constraint the test adds for that one order.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "conveyor.messaging.consumer.max-retries=1", "conveyor.messaging.consumer.initial-backoff=50ms" })
@RealInfrastructure
class TransitionRollbackIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    Storefront storefront;

    @BeforeEach
    void connect() {
        storefront = new Storefront(port);
    }

    @Test
    void publishesNothingWhenTheTransitionRollsBack() {
        String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        storefront.seedProduct(bus, sku, "20.00", "EUR");
        UUID orderId = storefront.placeOrder(OrderRequestMother.orderOf("customer-rollback", sku));
        bus.await(ReserveStock.class, command -> command.orderId().equals(orderId));
        bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 1))));
        bus.await(AuthorizePayment.class, command -> command.orderId().equals(orderId));
        storefront.awaitStatus(orderId, "STOCK_RESERVED");
        jdbc.execute("ALTER TABLE orders ADD CONSTRAINT test_order_never_confirmed CHECK (id <> '" + orderId
                + "' OR status <> 'CONFIRMED')");

        UUID authorization = bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), new Money("20.00", "EUR"), "A"));

        await().alias("the failing reply reaches the dead-letter topic").atMost(Duration.ofSeconds(30))
                .until(() -> bus.receivedOn("payments.events.dlt").stream()
                        .anyMatch(record -> authorization.toString().equals(record.id())));
        assertThat(storefront.status(orderId)).isEqualTo("STOCK_RESERVED");
        assertThat(sent(orderId, ScheduleShipment.class)).isZero();
        assertThat(sent(orderId, OrderConfirmed.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inbox WHERE message_id = ?", Integer.class, authorization))
                .as("the reply is not recorded as processed").isZero();
        assertThat(bus.received(ScheduleShipment.class)).noneMatch(command -> command.orderId().equals(orderId));
        assertThat(bus.received(OrderConfirmed.class)).noneMatch(event -> event.orderId().equals(orderId));
    }

    /** How many messages of the type the service published for the order, each once, once its outbox is sent. */
    private int sent(UUID orderId, Class<? extends dev.conveyor.events.Message> type) {
        return bus.countPublished(jdbc.getDataSource(), orderId.toString(), type);
    }
}
