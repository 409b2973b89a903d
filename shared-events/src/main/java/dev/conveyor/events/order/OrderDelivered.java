package dev.conveyor.events.order;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The order's shipment reached the customer. */
public record OrderDelivered(UUID orderId, String customerId, UUID shipmentId, Instant deliveredAt) implements Message {

    public OrderDelivered {
        Require.nonNull(orderId, "orderId");
        Require.nonBlank(customerId, Bounds.CUSTOMER_ID, "customerId");
        Require.nonNull(shipmentId, "shipmentId");
        Require.nonNull(deliveredAt, "deliveredAt");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
