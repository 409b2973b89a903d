package dev.conveyor.events.order;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer placed an order; fulfilment starts. */
public record OrderPlaced(UUID orderId, String customerId, List<OrderItem> items, Money total, Instant placedAt)
        implements Message {

    public OrderPlaced {
        Require.nonNull(orderId, "orderId");
        Require.nonBlank(customerId, Bounds.CUSTOMER_ID, "customerId");
        items = Require.nonEmptyListOf(items, Bounds.ORDER_LINES, "items");
        Require.nonNull(total, "total");
        Require.nonNull(placedAt, "placedAt");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
