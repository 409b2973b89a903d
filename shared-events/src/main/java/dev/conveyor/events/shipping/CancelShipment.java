package dev.conveyor.events.shipping;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/**
 * Asks shipping to cancel the order's shipment before dispatch; answered by ShipmentCancelled or
 * ShipmentCancellationRejected.
 */
public record CancelShipment(UUID orderId) implements Message {

    public CancelShipment {
        Require.nonNull(orderId, "orderId");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
