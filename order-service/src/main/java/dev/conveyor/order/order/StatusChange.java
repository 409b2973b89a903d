package dev.conveyor.order.order;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One entry of an order's status history: the status it reached, when, and why (a cancellation reason or a note). */
@Embeddable
class StatusChange {

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private OrderStatus status;

    @Column(name = "changed_at", nullable = false)
    private Instant at;

    @Column(name = "reason")
    private String reason;

    protected StatusChange() {
        // for JPA
    }

    StatusChange(OrderStatus status, Instant at, String reason) {
        this.status = status;
        this.at = at;
        this.reason = reason;
    }

    public OrderStatus status() {
        return status;
    }

    public Instant at() {
        return at;
    }

    public String reason() {
        return reason;
    }
}
