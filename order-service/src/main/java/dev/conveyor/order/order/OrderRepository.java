package dev.conveyor.order.order;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Orders by id and by customer; saga transitions load the order with a row lock so they apply one at a time. */
interface OrderRepository extends JpaRepository<Order, UUID> {

    /**
     * The order, locked ({@code SELECT ... FOR NO KEY UPDATE}) until the transaction ends, with its lines and history:
     * two statements for every reply the saga handles. The lock is taken first, on its own: a locking query that also
     * fetches the collections would make Hibernate read the order unlocked and lock it in a follow-on statement.
     */
    default Optional<Order> findForUpdate(UUID id) {
        return lock(id).flatMap(this::findWithLinesAndHistory);
    }

    /** Locks the order's row until the transaction ends; empty when there is no such order. */
    @Query(value = "SELECT id FROM orders WHERE id = :id FOR NO KEY UPDATE", nativeQuery = true)
    Optional<UUID> lock(@Param("id") UUID id);

    /** The order with its lines and history, in one statement. */
    @Query("select o from Order o left join fetch o.lines left join fetch o.history where o.id = :id")
    Optional<Order> findWithLinesAndHistory(@Param("id") UUID id);

    /**
     * Locks the most overdue order (its saga's deadline passed) and answers its id. {@code SKIP LOCKED} lets several
     * instances scan at once (each takes other orders) and skips an order a reply handler is transitioning right now.
     */
    @Query(value = """
            SELECT id FROM orders
            WHERE deadline <= :now
            ORDER BY deadline
            LIMIT 1
            FOR UPDATE SKIP LOCKED""", nativeQuery = true)
    Optional<UUID> lockNextOverdue(@Param("now") Instant now);

    Page<Order> findByCustomerIdOrderByCreatedAtDescIdAsc(String customerId, Pageable pageable);
}
