package dev.conveyor.shipping.shipment;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dev.conveyor.events.shipping.ShipmentCancelled;

/**
 * Remembers that an order's shipment was cancelled before any had been scheduled, so that a ScheduleShipment that
 * arrives later for the order is answered with the cancellation instead of creating a live shipment.
 */
@Entity
@Table(name = "shipment_tombstone")
class ShipmentTombstone {

    @Id
    @Column(name = "order_id")
    private UUID orderId;

    @Column(name = "cancelled_at", nullable = false, updatable = false)
    private Instant cancelledAt;

    protected ShipmentTombstone() {
        // for JPA
    }

    ShipmentTombstone(UUID orderId, Instant cancelledAt) {
        this.orderId = orderId;
        this.cancelledAt = cancelledAt;
    }

    /** The answer to every command about this order: cancelled, and no shipment ever existed. */
    ShipmentCancelled cancelled() {
        return new ShipmentCancelled(orderId, null);
    }

    UUID orderId() {
        return orderId;
    }
}
