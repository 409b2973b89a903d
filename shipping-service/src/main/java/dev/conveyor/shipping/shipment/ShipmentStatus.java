package dev.conveyor.shipping.shipment;

/** Where a shipment is in its life: SCHEDULED -> DISPATCHED -> DELIVERED, or SCHEDULED -> CANCELLED. */
enum ShipmentStatus {
    SCHEDULED, DISPATCHED, DELIVERED, CANCELLED
}
