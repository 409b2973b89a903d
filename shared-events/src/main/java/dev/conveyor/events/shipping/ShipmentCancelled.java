package dev.conveyor.events.shipping;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/** The order's shipment was cancelled; {@code shipmentId} is null when none had been scheduled. */
public record ShipmentCancelled(UUID orderId, UUID shipmentId) implements Message {

    public ShipmentCancelled {
        Require.nonNull(orderId, "orderId");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
