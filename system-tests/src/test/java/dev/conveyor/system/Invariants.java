package dev.conveyor.system;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the four services must agree on once an order has settled, read only through their REST APIs: a confirmed or
 * shipped order has an authorised or captured payment and a live shipment; a cancelled one has no open or captured
 * payment and no live shipment; no order is ever charged twice.
 */
final class Invariants {

    private static final Set<String> OPEN_PAYMENT = Set.of("AUTHORIZING", "AUTHORIZED");

    private final Api api;

    Invariants(Api api) {
        this.api = api;
    }

    void hold(UUID orderId) {
        JsonNode order = api.order(orderId);
        String status = order.path("status").asString();
        List<String> payments = api.payments(orderId).stream().map(payment -> payment.path("status").asString()).toList();
        List<String> shipments = api.shipments(orderId).stream().map(shipment -> shipment.path("status").asString()).toList();
        String context = "order " + orderId + " " + status + ", payments " + payments + ", shipments " + shipments;

        assertThat(payments).as("at most one payment: %s", context).hasSizeLessThanOrEqualTo(1);
        assertThat(shipments).as("at most one shipment: %s", context).hasSizeLessThanOrEqualTo(1);
        switch (status) {
            case "CONFIRMED" -> {
                assertThat(payments).as(context).containsExactly("AUTHORIZED");
                assertThat(shipments).as(context).containsExactly("SCHEDULED");
            }
            case "SHIPPED" -> {
                assertThat(payments).as(context).containsExactly("CAPTURED");
                assertThat(shipments).as(context).containsExactly("DISPATCHED");
            }
            case "DELIVERED" -> {
                assertThat(payments).as(context).containsExactly("CAPTURED");
                assertThat(shipments).as(context).containsExactly("DELIVERED");
            }
            case "CANCELLED" -> {
                assertThat(payments).as(context).noneMatch(OPEN_PAYMENT::contains).doesNotContain("CAPTURED");
                assertThat(shipments).as(context).allMatch("CANCELLED"::equals);
            }
            default -> throw new AssertionError("Order has not settled: " + context);
        }
    }

    /**
     * Stock adds up for a product used only by the given orders: what shipped left the shelf, what is confirmed is
     * still reserved, and nothing else is.
     */
    void stockAddsUp(String sku, int initialStock, List<UUID> orders) {
        int shipped = 0;
        int held = 0;
        for (UUID orderId : orders) {
            JsonNode order = api.order(orderId);
            int quantity = order.path("items").get(0).path("quantity").asInt();
            switch (order.path("status").asString()) {
                case "SHIPPED", "DELIVERED" -> shipped += quantity;
                case "CONFIRMED" -> held += quantity;
                default -> {
                }
            }
        }
        JsonNode product = api.product(sku);
        assertThat(product.path("onHand").asInt()).as("on hand of %s", sku).isEqualTo(initialStock - shipped);
        assertThat(product.path("reserved").asInt()).as("reserved of %s", sku).isEqualTo(held);
    }
}
