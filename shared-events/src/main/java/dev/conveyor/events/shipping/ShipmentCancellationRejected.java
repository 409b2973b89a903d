package dev.conveyor.events.shipping;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/**
 * The shipment could not be cancelled because it already left. The reason is a string so that a value added
 * later does not break an older consumer; the constants below are the values known to v1.
 */
public record ShipmentCancellationRejected(UUID orderId, UUID shipmentId, String reason) implements Message {

    public static final String ALREADY_DISPATCHED = "ALREADY_DISPATCHED";
    public static final String ALREADY_DELIVERED = "ALREADY_DELIVERED";

    public ShipmentCancellationRejected {
        Require.nonNull(orderId, "orderId");
        Require.nonNull(shipmentId, "shipmentId");
        Require.nonBlank(reason, "reason");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
