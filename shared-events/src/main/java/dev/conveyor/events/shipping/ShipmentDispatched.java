package dev.conveyor.events.shipping;

import dev.conveyor.events.Message;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The shipment left the warehouse with a carrier; from here it can no longer be cancelled. */
public record ShipmentDispatched(UUID orderId, UUID shipmentId, String carrier, String trackingNumber,
        Instant dispatchedAt) implements Message {

    public ShipmentDispatched {
        Require.nonNull(orderId, "orderId");
        Require.nonNull(shipmentId, "shipmentId");
        Require.nonBlank(carrier, Bounds.CARRIER, "carrier");
        Require.nonBlank(trackingNumber, Bounds.TRACKING_NUMBER, "trackingNumber");
        Require.nonNull(dispatchedAt, "dispatchedAt");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
