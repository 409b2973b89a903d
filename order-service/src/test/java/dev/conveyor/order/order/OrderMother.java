package dev.conveyor.order.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.conveyor.events.Money;

/** Orders in the states the tests need. */
public final class OrderMother {

    public static final Instant PLACED_AT = Instant.parse("2030-01-01T10:00:00Z");

    private OrderMother() {
    }

    public static ShippingAddress address() {
        return new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", "GB");
    }

    public static OrderLine line(String sku, int quantity, String price) {
        return new OrderLine(sku, "Product " + sku, quantity, new Money(price, "EUR"));
    }

    public static Order placedOrder() {
        return Order.place(UUID.randomUUID(), "customer-1",
                List.of(line("SKU-1", 2, "19.99"), line("SKU-2", 1, "5.00")), address(), PLACED_AT);
    }

    public static Order confirmedOrder() {
        Order order = placedOrder();
        order.moveTo(OrderStatus.STOCK_RESERVED, null, PLACED_AT.plusSeconds(1));
        order.moveTo(OrderStatus.CONFIRMED, null, PLACED_AT.plusSeconds(2));
        return order;
    }
}
