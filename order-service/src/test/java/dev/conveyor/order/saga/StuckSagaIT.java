package dev.conveyor.order.saga;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
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
import dev.conveyor.events.shipping.CancelShipment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentScheduled;
import dev.conveyor.order.MutableClock;
import dev.conveyor.order.OrderRequestMother;
import dev.conveyor.order.Storefront;
import dev.conveyor.testkit.MessageBus;
import dev.conveyor.testkit.RealInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sagas that cannot progress, on a clock the test moves: shipping's silence makes the saga ask again and then show
 * as stuck (list, gauge, health) without cancelling a paid order or compensating before shipping answers; a saga
 * whose deadline always fails is recorded as failing and does not keep the scan from the others. Every move of the
 * clock (an hour) passes any wait these settings allow, so each one lets the scan take exactly one more step.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "conveyor.order.saga.shipment-timeout=10m", "conveyor.order.saga.cancellation-timeout=10m",
        "conveyor.order.saga.resend-limit=2", "conveyor.order.saga.max-wait=30m",
        "conveyor.order.saga.failure-backoff=10m", "conveyor.order.saga.scan-interval=100ms" })
@RealInfrastructure
class StuckSagaIT {

    private static final Duration LATER = Duration.ofHours(1);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MessageBus bus;

    @Autowired
    MutableClock clock;

    Storefront storefront;

    String sku;

    @TestConfiguration
    static class MovableTime {

        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @BeforeEach
    void connect() {
        storefront = new Storefront(port);
        sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
        storefront.seedProduct(bus, sku, "20.00", "EUR");
    }

    @Test
    void asksShippingAgainToScheduleAPaidOrderThenShowsItStuckWithoutCancellingIt() {
        UUID orderId = confirmed();

        clock.advance(LATER);
        awaitSent(orderId, ScheduleShipment.class, 2);
        clock.advance(LATER);
        awaitSent(orderId, ScheduleShipment.class, 3);
        clock.advance(LATER);
        Map<String, Object> stuck = awaitListed(orderId, "STUCK");

        assertThat(stuck).containsEntry("status", "CONFIRMED").containsEntry("awaiting", "SHIPMENT")
                .containsEntry("attempts", 2);
        assertThat(stuck.get("stuckSince")).isNotNull();
        assertThat(storefront.status(orderId)).isEqualTo("CONFIRMED");
        assertThat(sent(orderId, OrderCancelled.class)).isZero();
        assertThat(sent(orderId, VoidPayment.class)).isZero();
        assertThat(sent(orderId, ScheduleShipment.class)).as("no more than the limit").isEqualTo(3);
        awaitGauge("conveyor.saga.stuck", value -> value >= 1);
        Map<String, Object> health = storefront.getPath("/actuator/health/sagas").getBody();
        assertThat(health).containsEntry("status", "UP");
        assertThat(((Number) details(health).get("stuck")).intValue()).isPositive();

        awaitProcessed(bus.send(new ShipmentScheduled(orderId, UUID.randomUUID())));

        assertThat(listed(orderId)).as("the answer came: no longer stuck").isEmpty();
        assertThat(storefront.status(orderId)).isEqualTo("CONFIRMED");
    }

    @Test
    void asksShippingAgainToCancelThenShowsItStuckAndCompensatesOnlyOnceShippingAnswers() {
        UUID orderId = confirmed();
        awaitProcessed(bus.send(new ShipmentScheduled(orderId, UUID.randomUUID())));
        assertThat(storefront.cancel(orderId).getStatusCode().is2xxSuccessful()).isTrue();
        storefront.awaitStatus(orderId, "CANCELLING");
        awaitSent(orderId, CancelShipment.class, 1);

        clock.advance(LATER);
        awaitSent(orderId, CancelShipment.class, 2);
        clock.advance(LATER);
        awaitSent(orderId, CancelShipment.class, 3);
        clock.advance(LATER);
        Map<String, Object> stuck = awaitListed(orderId, "STUCK");

        assertThat(stuck).containsEntry("status", "CANCELLING").containsEntry("awaiting", "SHIPMENT_CANCELLATION")
                .containsEntry("attempts", 2);
        assertThat(sent(orderId, VoidPayment.class)).as("nothing is undone before shipping answers").isZero();
        assertThat(sent(orderId, ReleaseStock.class)).isZero();

        bus.send(new ShipmentCancelled(orderId, UUID.randomUUID()));

        OrderCancelled cancelled = bus.await(OrderCancelled.class, event -> event.orderId().equals(orderId));
        assertThat(cancelled.reason()).isEqualTo(OrderCancelled.CUSTOMER_CANCELLED);
        bus.await(VoidPayment.class, command -> command.orderId().equals(orderId));
        bus.await(ReleaseStock.class, command -> command.orderId().equals(orderId));
        assertThat(listed(orderId)).isEmpty();
    }

    @Test
    void aSagaWhoseDeadlineAlwaysFailsDoesNotKeepTheScanFromTheOthers() {
        UUID poisoned = placed();
        jdbc.execute("ALTER TABLE orders ADD CONSTRAINT test_never_cancelled_" + poisoned.toString().substring(0, 8)
                + " CHECK (id <> '" + poisoned + "' OR status <> 'CANCELLED')");
        clock.advance(Duration.ofSeconds(1));
        UUID first = placed();
        UUID second = placed();

        clock.advance(LATER);

        storefront.awaitStatus(first, "CANCELLED");
        storefront.awaitStatus(second, "CANCELLED");
        assertThat(storefront.order(first)).containsEntry("cancellationReason", "TIMED_OUT");
        Map<String, Object> failing = awaitListed(poisoned, "FAILING");
        assertThat(failing).containsEntry("status", "PLACED").containsEntry("awaiting", "STOCK");
        assertThat((String) failing.get("lastError")).contains("test_never_cancelled");
        assertThat(((Number) failing.get("failures")).intValue()).isPositive();
        assertThat(storefront.status(poisoned)).isEqualTo("PLACED");
        assertThat(jdbc.queryForObject("SELECT deadline > ? FROM orders WHERE id = ?", Boolean.class,
                java.sql.Timestamp.from(clock.instant()), poisoned)).as("its next try is pushed back").isTrue();
    }

    private UUID placed() {
        UUID orderId = storefront.placeOrder(OrderRequestMother.orderOf("customer-" + UUID.randomUUID(), sku));
        bus.await(ReserveStock.class, command -> command.orderId().equals(orderId));
        return orderId;
    }

    private UUID confirmed() {
        UUID orderId = placed();
        bus.send(new StockReserved(orderId, List.of(new StockLine(sku, 1))));
        bus.await(AuthorizePayment.class, command -> command.orderId().equals(orderId));
        bus.send(new PaymentAuthorized(orderId, UUID.randomUUID(), new Money("20.00", "EUR"), "AUTH"));
        storefront.awaitStatus(orderId, "CONFIRMED");
        awaitSent(orderId, ScheduleShipment.class, 1);
        return orderId;
    }

    private Map<String, Object> awaitListed(UUID orderId, String condition) {
        return await().alias("order " + orderId + " listed " + condition).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> listed(orderId), found -> found.filter(row -> condition.equals(row.get("condition")))
                        .isPresent())
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> listed(UUID orderId) {
        List<Map<String, Object>> sagas = (List<Map<String, Object>>) storefront.getPath("/actuator/sagas").getBody()
                .get("sagas");
        return sagas.stream().filter(row -> orderId.toString().equals(row.get("orderId"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Map<String, Object> health) {
        return (Map<String, Object>) health.get("details");
    }

    @SuppressWarnings("unchecked")
    private void awaitGauge(String name, java.util.function.DoublePredicate condition) {
        await().alias(name).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Map<String, Object>> measurements = (List<Map<String, Object>>) storefront
                    .getPath("/actuator/metrics/" + name).getBody().get("measurements");
            return condition.test(((Number) measurements.getFirst().get("value")).doubleValue());
        });
    }

    private void awaitSent(UUID orderId, Class<? extends Message> type, int count) {
        await().alias(count + " x " + type.getSimpleName() + " for " + orderId).atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> sent(orderId, type) == count);
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
