package dev.conveyor.shipping.shipment;

import java.util.UUID;

/** No shipment has this id. */
class ShipmentNotFound extends RuntimeException {

    ShipmentNotFound(UUID shipmentId) {
        super("No shipment " + shipmentId);
    }
}
