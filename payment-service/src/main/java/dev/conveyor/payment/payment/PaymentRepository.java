package dev.conveyor.payment.payment;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

interface PaymentRepository extends JpaRepository<Payment, UUID> {

    /** An order has at most one payment (order_id is unique). */
    Optional<Payment> findByOrderId(UUID orderId);
}
