package dev.conveyor.shipping.shipment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A shipment as the REST API shows it; dispatch and delivery fields are null until they happen. */
record ShipmentView(UUID id, UUID orderId, ShipmentStatus status, AddressView address, List<LineView> lines,
        String carrier, String trackingNumber, Instant scheduledAt, Instant dispatchedAt, Instant deliveredAt,
        Instant cancelledAt) {

    static ShipmentView of(Shipment shipment) {
        Address address = shipment.address();
        return new ShipmentView(shipment.id(), shipment.orderId(), shipment.status(),
                new AddressView(address.name(), address.line1(), address.line2(), address.city(), address.postalCode(),
                        address.country()),
                shipment.lines().stream().map(line -> new LineView(line.sku(), line.quantity())).toList(),
                shipment.carrier(), shipment.trackingNumber(), shipment.scheduledAt(), shipment.dispatchedAt(),
                shipment.deliveredAt(), shipment.cancelledAt());
    }

    record AddressView(String name, String line1, String line2, String city, String postalCode, String country) {
    }

    record LineView(String sku, int quantity) {
    }
}
