package dev.conveyor.shipping.shipment;

import java.util.UUID;

/** No shipment has this id. */
class ShipmentNotFoundException extends RuntimeException {

    ShipmentNotFoundException(UUID shipmentId) {
        super("No shipment " + shipmentId);
    }
}
