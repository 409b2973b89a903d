package dev.conveyor.inventory.reservation;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** The reservations, by orderId. */
interface ReservationRepository extends JpaRepository<Reservation, UUID> {

    /** The skus on the lines of these orders' reservations (order ids as text, bound as one array). */
    @Query(value = "SELECT DISTINCT sku FROM reservation_line WHERE order_id = ANY(CAST(:orderIds AS uuid[]))",
            nativeQuery = true)
    List<String> skusHeldBy(String[] orderIds);
}
