package dev.conveyor.shipping.shipment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.conveyor.events.shipping.Address;
import dev.conveyor.events.shipping.CancelShipment;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentLine;

/** Shipments and shipping commands in the states the tests need. */
final class ShipmentMother {

    static final Instant SCHEDULED_AT = Instant.parse("2026-03-02T09:00:00Z");

    static final Instant DISPATCHED_AT = Instant.parse("2026-03-02T15:30:00Z");

    static final Instant DELIVERED_AT = Instant.parse("2026-03-04T11:00:00Z");

    private ShipmentMother() {
    }

    static Address address() {
        return new Address("Ada Lovelace", "12 St James's Square", null, "London", "SW1Y 4JH", "GB");
    }

    static List<ShipmentLine> lines() {
        return List.of(new ShipmentLine("SKU-BOOK-1", 2), new ShipmentLine("SKU-PEN-7", 1));
    }

    static ScheduleShipment scheduleShipment(UUID orderId) {
        return new ScheduleShipment(orderId, address(), lines());
    }

    static CancelShipment cancelShipment(UUID orderId) {
        return new CancelShipment(orderId);
    }

    static Shipment scheduledShipment() {
        return Shipment.schedule(UUID.randomUUID(), dev.conveyor.shipping.shipment.Address.of(address()),
                lines().stream().map(dev.conveyor.shipping.shipment.ShipmentLine::of).toList(), SCHEDULED_AT);
    }

    static Shipment dispatchedShipment() {
        Shipment shipment = scheduledShipment();
        shipment.dispatch("DHL", "DHL-TRACK-1", DISPATCHED_AT);
        return shipment;
    }

    static Shipment deliveredShipment() {
        Shipment shipment = dispatchedShipment();
        shipment.deliver(DELIVERED_AT);
        return shipment;
    }

    static Shipment cancelledShipment() {
        Shipment shipment = scheduledShipment();
        shipment.cancel(SCHEDULED_AT.plusSeconds(60));
        return shipment;
    }
}
