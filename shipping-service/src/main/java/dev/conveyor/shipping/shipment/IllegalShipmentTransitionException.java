package dev.conveyor.shipping.shipment;

import java.util.UUID;

/** A warehouse action that the shipment's current state does not allow (deliver before dispatch, dispatch after cancel). */
class IllegalShipmentTransitionException extends RuntimeException {

    private final UUID shipmentId;

    IllegalShipmentTransitionException(UUID shipmentId, String message) {
        super(message);
        this.shipmentId = shipmentId;
    }

    UUID shipmentId() {
        return shipmentId;
    }
}
