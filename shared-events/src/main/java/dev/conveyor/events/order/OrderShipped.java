package dev.conveyor.events.order;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The order's shipment left the warehouse. */
public record OrderShipped(UUID orderId, String customerId, UUID shipmentId, String carrier, String trackingNumber,
        Instant shippedAt) implements Message {

    public OrderShipped {
        Require.nonNull(orderId, "orderId");
        Require.nonBlank(customerId, Bounds.CUSTOMER_ID, "customerId");
        Require.nonNull(shipmentId, "shipmentId");
        Require.nonBlank(carrier, Bounds.CARRIER, "carrier");
        Require.nonBlank(trackingNumber, Bounds.TRACKING_NUMBER, "trackingNumber");
        Require.nonNull(shippedAt, "shippedAt");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
