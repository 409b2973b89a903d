package dev.conveyor.shipping.shipment;

import java.util.UUID;

/** A warehouse action that the shipment's current state does not allow (deliver before dispatch, dispatch after cancel). */
class IllegalShipmentTransition extends RuntimeException {

    private final UUID shipmentId;

    IllegalShipmentTransition(UUID shipmentId, String message) {
        super(message);
        this.shipmentId = shipmentId;
    }

    UUID shipmentId() {
        return shipmentId;
    }
}
