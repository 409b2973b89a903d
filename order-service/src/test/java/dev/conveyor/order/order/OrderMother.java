package dev.conveyor.order.order;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.conveyor.events.Money;

/** Orders in the states the tests need, moved there through the saga's table as the service moves them. */
final class OrderMother {

    public static final Instant PLACED_AT = Instant.parse("2030-01-01T10:00:00Z");

    static final FulfilmentSaga TABLE = new FulfilmentSaga(new SagaSettings(Duration.ofMinutes(5),
            Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(10), 3, Duration.ofSeconds(30),
            Duration.ofHours(1), Duration.ofSeconds(5), 100));

    private OrderMother() {
    }

    public static ShippingAddress address() {
        return new ShippingAddress("Ada Lovelace", "1 Analytical Way", null, "London", "N1 9GU", "GB");
    }

    public static OrderLine line(String sku, int quantity, String price) {
        return new OrderLine(sku, "Product " + sku, quantity, new Money(price, "EUR"));
    }

    static Order placedOrder() {
        Order order = Order.place(UUID.randomUUID(), "customer-1",
                List.of(line("SKU-1", 2, "19.99"), line("SKU-2", 1, "5.00")), address(), "tok_visa_ok", PLACED_AT);
        order.start(TABLE, PLACED_AT);
        return order;
    }

    static Order confirmedOrder() {
        Order order = placedOrder();
        order.apply(new Trigger.StockReserved(), TABLE, PLACED_AT.plusSeconds(1));
        order.apply(new Trigger.PaymentAuthorized(UUID.randomUUID()), TABLE, PLACED_AT.plusSeconds(2));
        return order;
    }
}
