package dev.conveyor.order.order;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;
import jakarta.persistence.QueryHint;

import org.hibernate.jpa.HibernateHints;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.query.Param;

/** Orders by id and by customer; saga transitions load the order with a row lock so they apply one at a time. */
interface OrderRepository extends JpaRepository<Order, UUID> {

    /**
     * The order with its lines and history, its row locked ({@code SELECT ... FOR NO KEY UPDATE OF} the order) until the
     * transaction ends: one statement for every reply the saga handles. The joins are inner joins, because Hibernate
     * locks in the same statement only then (with outer joins it would read the order unlocked and lock it in a
     * follow-on statement, which the hint forbids); every order has at least one line and one status change, both
     * written when it is placed.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @QueryHints(@QueryHint(name = HibernateHints.HINT_FOLLOW_ON_STRATEGY, value = "DISALLOW"))
    @Query("select o from Order o join fetch o.lines join fetch o.history where o.id = :id")
    Optional<Order> findForUpdate(@Param("id") UUID id);

    /** The customer who placed the order, without reading the rest of it. */
    @Query("select o.customerId from Order o where o.id = :id")
    Optional<String> customerOf(@Param("id") UUID id);

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
