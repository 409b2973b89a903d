package dev.conveyor.events.order;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.time.Instant;
import java.util.UUID;

/** Stock is reserved and payment authorised: the order will be shipped. */
public record OrderConfirmed(UUID orderId, String customerId, Money total, Instant confirmedAt) implements Message {

    public OrderConfirmed {
        Require.nonNull(orderId, "orderId");
        Require.nonBlank(customerId, Bounds.CUSTOMER_ID, "customerId");
        Require.nonNull(total, "total");
        Require.nonNull(confirmedAt, "confirmedAt");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
