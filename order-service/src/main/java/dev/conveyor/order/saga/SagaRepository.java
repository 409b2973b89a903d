package dev.conveyor.order.saga;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SagaRepository extends JpaRepository<SagaState, UUID> {

    /**
     * Locks the order of the most overdue saga and answers its id. {@code SKIP LOCKED} lets several instances scan at
     * once (each takes other sagas) and skips an order a reply handler is transitioning right now; the order row is
     * the lock every transition takes first, so the lock order is the same everywhere.
     */
    @Query(value = """
            SELECT o.id FROM orders o JOIN saga_state s ON s.order_id = o.id
            WHERE s.deadline <= :now
            ORDER BY s.deadline
            LIMIT 1
            FOR UPDATE OF o SKIP LOCKED""", nativeQuery = true)
    Optional<UUID> lockNextOverdue(@Param("now") Instant now);
}
