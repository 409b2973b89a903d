package dev.conveyor.events.shipping;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.time.Instant;
import java.util.UUID;

/** The carrier delivered the shipment. */
public record ShipmentDelivered(UUID orderId, UUID shipmentId, Instant deliveredAt) implements Message {

    public ShipmentDelivered {
        Require.nonNull(orderId, "orderId");
        Require.nonNull(shipmentId, "shipmentId");
        Require.nonNull(deliveredAt, "deliveredAt");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
