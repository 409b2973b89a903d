package dev.conveyor.inventory.reservation;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/** The reservations, by orderId. */
interface ReservationRepository extends JpaRepository<Reservation, UUID> {
}
