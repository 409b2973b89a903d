package dev.conveyor.events.shipping;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/** Shipping scheduled a shipment for the order; it waits for the warehouse to dispatch it. */
public record ShipmentScheduled(UUID orderId, UUID shipmentId) implements Message {

    public ShipmentScheduled {
        Require.nonNull(orderId, "orderId");
        Require.nonNull(shipmentId, "shipmentId");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
