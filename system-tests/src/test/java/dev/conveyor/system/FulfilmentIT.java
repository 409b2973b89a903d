package dev.conveyor.system;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.conveyor.testkit.MessageBus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The fulfilment saga across the four running services, driven only through REST and watched on the topics. */
class FulfilmentIT extends SystemTest {

    static MessageBus bus;

    @BeforeAll
    static void watchTopics() {
        bus = MessageBus.connect(RunningSystem.get().broker.bootstrapServers(), "");
    }

    @AfterAll
    static void stopWatching() {
        bus.close();
    }

    @Test
    void anOrderIsConfirmedShippedAndDeliveredWithPaymentCapturedAndStockCommitted() {
        String sku = newProduct(10);
        UUID orderId = api.placeOrderAccepted(sku, 3, "tok_visa");

        awaitStatus(orderId, "CONFIRMED");
        invariants.hold(orderId);
        UUID shipmentId = awaitShipment(orderId);
        api.dispatch(shipmentId).expect(200);
        awaitStatus(orderId, "SHIPPED");
        api.deliver(shipmentId).expect(200);
        awaitStatus(orderId, "DELIVERED");

        invariants.hold(orderId);
        invariants.stockAddsUp(sku, 10, List.of(orderId));
        assertThat(api.order(orderId).path("total").path("amount").asString()).isEqualTo("59.97");
        await().atMost(SETTLE).untilAsserted(() -> assertThat(orderEvents(orderId)).containsExactly(
                "dev.conveyor.order.OrderPlaced.v1", "dev.conveyor.order.OrderConfirmed.v1",
                "dev.conveyor.order.OrderShipped.v1", "dev.conveyor.order.OrderDelivered.v1"));
    }

    @Test
    void anOrderForMoreThanTheStockIsCancelledOutOfStock() {
        String sku = newProduct(1);
        UUID orderId = api.placeOrderAccepted(sku, 2, "tok_visa");

        awaitStatus(orderId, "CANCELLED");

        assertThat(api.order(orderId).path("cancellationReason").asString()).isEqualTo("OUT_OF_STOCK");
        invariants.hold(orderId);
        invariants.stockAddsUp(sku, 1, List.of(orderId));
        assertThat(api.payments(orderId)).isEmpty();
    }

    @Test
    void aDeclinedCardCancelsTheOrderAndReleasesTheStock() {
        String sku = newProduct(5);
        UUID orderId = api.placeOrderAccepted(sku, 2, "tok_declined");

        awaitStatus(orderId, "CANCELLED");

        assertThat(api.order(orderId).path("cancellationReason").asString()).isEqualTo("PAYMENT_DECLINED");
        await().atMost(SETTLE).untilAsserted(() -> invariants.stockAddsUp(sku, 5, List.of(orderId)));
        invariants.hold(orderId);
    }

    @Test
    void theCustomerCancelsBeforeConfirmation() {
        String sku = newProduct(5);
        UUID orderId = api.placeOrderAccepted(sku, 1, "tok_visa");

        assertThat(api.cancel(orderId).status()).isEqualTo(202);
        awaitStatus(orderId, "CANCELLED");

        assertThat(api.order(orderId).path("cancellationReason").asString()).isEqualTo("CUSTOMER_CANCELLED");
        await().atMost(SETTLE).untilAsserted(() -> {
            invariants.hold(orderId);
            invariants.stockAddsUp(sku, 5, List.of(orderId));
        });
    }

    @Test
    void theCustomerCancelsAfterConfirmationAndEverythingIsCompensated() {
        String sku = newProduct(5);
        UUID orderId = api.placeOrderAccepted(sku, 2, "tok_visa");
        awaitStatus(orderId, "CONFIRMED");
        awaitShipment(orderId);

        assertThat(api.cancel(orderId).status()).isEqualTo(202);
        awaitStatus(orderId, "CANCELLED");

        await().atMost(SETTLE).untilAsserted(() -> {
            assertThat(api.payments(orderId)).singleElement().satisfies(payment -> assertThat(payment.path("status").asString()).isEqualTo("VOIDED"));
            assertThat(api.shipments(orderId)).singleElement().satisfies(shipment -> assertThat(shipment.path("status").asString()).isEqualTo("CANCELLED"));
            invariants.stockAddsUp(sku, 5, List.of(orderId));
        });
        invariants.hold(orderId);
    }

    @Test
    void aCancelRacingTheDispatchEitherCancelsOrShipsNeverBoth() throws Exception {
        String sku = newProduct(10);
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orders.add(api.placeOrderAccepted(sku, 1, "tok_visa"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (UUID orderId : orders) {
                awaitStatus(orderId, "CONFIRMED");
                UUID shipmentId = awaitShipment(orderId);
                Future<Api.Response> cancel = pool.submit(() -> api.cancel(orderId));
                Future<Api.Response> dispatch = pool.submit(() -> api.dispatch(shipmentId));
                assertThat(cancel.get().status()).isIn(202, 409);
                assertThat(dispatch.get().status()).isIn(200, 409);
            }
        }
        finally {
            pool.shutdown();
        }

        for (UUID orderId : orders) {
            String status = awaitStatus(orderId, "SHIPPED", "CANCELLED");
            await().atMost(SETTLE).untilAsserted(() -> invariants.hold(orderId));
            if (status.equals("CANCELLED")) {
                assertThat(api.order(orderId).path("cancellationReason").asString()).isEqualTo("CUSTOMER_CANCELLED");
            }
        }
        await().atMost(SETTLE).untilAsserted(() -> invariants.stockAddsUp(sku, 10, orders));
    }

    @Test
    void manyConcurrentOrdersNeverOversellAScarceProduct() throws Exception {
        int stock = 5;
        int orderCount = 15;
        String sku = newProduct(stock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<UUID> orders = new ArrayList<>();
        try {
            List<Callable<UUID>> placements = new ArrayList<>();
            for (int i = 0; i < orderCount; i++) {
                placements.add(() -> api.placeOrderAccepted(sku, 1, "tok_visa"));
            }
            for (Future<UUID> placed : pool.invokeAll(placements)) {
                orders.add(placed.get());
            }
        }
        finally {
            pool.shutdown();
        }

        orders.forEach(orderId -> awaitStatus(orderId, "CONFIRMED", "CANCELLED"));

        List<UUID> confirmed = orders.stream().filter(orderId -> api.status(orderId).equals("CONFIRMED")).toList();
        assertThat(confirmed).hasSize(stock);
        orders.stream().filter(orderId -> !confirmed.contains(orderId))
            .forEach(orderId -> assertThat(api.order(orderId).path("cancellationReason").asString()).isEqualTo("OUT_OF_STOCK"));
        await().atMost(SETTLE).untilAsserted(() -> invariants.stockAddsUp(sku, stock, orders));
        orders.forEach(invariants::hold);
    }

    private List<String> orderEvents(UUID orderId) {
        return bus.receivedOn("orders.events").stream()
            .filter(record -> orderId.toString().equals(record.key()))
            .map(MessageBus.Received::type)
            .toList();
    }
}
