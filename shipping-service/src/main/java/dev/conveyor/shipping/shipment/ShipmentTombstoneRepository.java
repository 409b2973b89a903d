package dev.conveyor.shipping.shipment;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** Orders cancelled before a shipment was scheduled, by orderId. */
interface ShipmentTombstoneRepository extends JpaRepository<ShipmentTombstone, UUID> {
}
