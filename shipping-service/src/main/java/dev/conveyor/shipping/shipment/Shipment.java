package dev.conveyor.shipping.shipment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import dev.conveyor.events.Message;
import dev.conveyor.events.shipping.ShipmentCancellationRejected;
import dev.conveyor.events.shipping.ShipmentCancelled;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.events.shipping.ShipmentScheduled;

/**
 * The shipment of one order, and its state machine: SCHEDULED -> DISPATCHED -> DELIVERED, or SCHEDULED -> CANCELLED.
 * <p>
 * Each transition answers the event that states its outcome. A transition whose target state is already reached
 * changes nothing and answers the same outcome again, so a repeated command or request is harmless; a move the
 * state does not allow throws {@link IllegalShipmentTransition}. A cancellation that comes too late is not an
 * error but a business answer: {@link ShipmentCancellationRejected}.
 */
@Entity
@Table(name = "shipment")
class Shipment {

    @Id
    private UUID id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private UUID orderId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private ShipmentStatus status;

    @Embedded
    private Address address;

    @ElementCollection
    @CollectionTable(name = "shipment_line", joinColumns = @JoinColumn(name = "shipment_id"))
    @OrderColumn(name = "line_no")
    private List<ShipmentLine> lines = new ArrayList<>();

    @Column(name = "carrier", length = 64)
    private String carrier;

    @Column(name = "tracking_number", length = 64)
    private String trackingNumber;

    @Column(name = "scheduled_at", nullable = false, updatable = false)
    private Instant scheduledAt;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "cancelled_at")
    private Instant cancelledAt;

    @Version
    @Column(name = "version", nullable = false)
    private Long version;

    protected Shipment() {
        // for JPA
    }

    private Shipment(UUID id, UUID orderId, Address address, List<ShipmentLine> lines, Instant now) {
        this.id = id;
        this.orderId = orderId;
        this.address = address;
        this.lines = new ArrayList<>(lines);
        this.status = ShipmentStatus.SCHEDULED;
        this.scheduledAt = now;
    }

    /** A new shipment, waiting for the warehouse to dispatch it. */
    static Shipment schedule(UUID orderId, Address address, List<ShipmentLine> lines, Instant now) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(address, "address");
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("A shipment needs at least one line");
        }
        return new Shipment(UUID.randomUUID(), orderId, address, lines, now);
    }

    /** The event that announced this shipment. */
    ShipmentScheduled scheduled() {
        return new ShipmentScheduled(orderId, id);
    }

    /**
     * The answer to a ScheduleShipment repeated for this order: the shipment that exists, or, once it is cancelled,
     * the cancellation, so that a late repeat can never be read as a live shipment.
     */
    Message answerToRepeatedSchedule() {
        return (status == ShipmentStatus.CANCELLED) ? new ShipmentCancelled(orderId, id) : scheduled();
    }

    /**
     * Hands the shipment to a carrier. A tracking number is generated when none is given. Repeating the dispatch
     * with the same carrier (and no or the same tracking number) changes nothing; a different carrier or tracking
     * number for a shipment that already left is refused, as is dispatching a cancelled shipment.
     */
    Transition<ShipmentDispatched> dispatch(String carrier, String trackingNumber, Instant now) {
        requireNonBlank(carrier, "carrier");
        String requestedCarrier = carrier.strip();
        String requestedTracking = (trackingNumber == null || trackingNumber.isBlank()) ? null : trackingNumber.strip();
        switch (status) {
            case SCHEDULED -> {
                this.carrier = requestedCarrier;
                this.trackingNumber = (requestedTracking != null) ? requestedTracking : TrackingNumbers.generate(requestedCarrier);
                this.dispatchedAt = now;
                this.status = ShipmentStatus.DISPATCHED;
                return Transition.changed(dispatched());
            }
            case DISPATCHED, DELIVERED -> {
                boolean sameCarrier = this.carrier.equalsIgnoreCase(requestedCarrier);
                boolean sameTracking = requestedTracking == null || this.trackingNumber.equals(requestedTracking);
                if (sameCarrier && sameTracking) {
                    return Transition.unchanged(dispatched());
                }
                throw new IllegalShipmentTransition(id, "Shipment " + id + " was already dispatched with carrier "
                        + this.carrier + " and tracking number " + this.trackingNumber);
            }
            case CANCELLED -> throw new IllegalShipmentTransition(id, "Shipment " + id + " is cancelled and cannot be dispatched");
            default -> throw new IllegalStateException("Unknown status " + status);
        }
    }

    /** Records the delivery; only a dispatched shipment can be delivered, and delivering twice changes nothing. */
    Transition<ShipmentDelivered> deliver(Instant now) {
        switch (status) {
            case DISPATCHED -> {
                this.deliveredAt = now;
                this.status = ShipmentStatus.DELIVERED;
                return Transition.changed(delivered());
            }
            case DELIVERED -> {
                return Transition.unchanged(delivered());
            }
            case SCHEDULED -> throw new IllegalShipmentTransition(id, "Shipment " + id + " has not been dispatched yet and cannot be delivered");
            case CANCELLED -> throw new IllegalShipmentTransition(id, "Shipment " + id + " is cancelled and cannot be delivered");
            default -> throw new IllegalStateException("Unknown status " + status);
        }
    }

    /**
     * Cancels the shipment if it has not left yet. Answers {@link ShipmentCancelled} (again, when already cancelled)
     * or, once dispatched, a {@link ShipmentCancellationRejected} that leaves the shipment as it is.
     */
    Transition<Message> cancel(Instant now) {
        return switch (status) {
            case SCHEDULED -> {
                this.cancelledAt = now;
                this.status = ShipmentStatus.CANCELLED;
                yield Transition.changed(new ShipmentCancelled(orderId, id));
            }
            case CANCELLED -> Transition.unchanged(new ShipmentCancelled(orderId, id));
            case DISPATCHED -> Transition.unchanged(
                    new ShipmentCancellationRejected(orderId, id, ShipmentCancellationRejected.ALREADY_DISPATCHED));
            case DELIVERED -> Transition.unchanged(
                    new ShipmentCancellationRejected(orderId, id, ShipmentCancellationRejected.ALREADY_DELIVERED));
        };
    }

    private ShipmentDispatched dispatched() {
        return new ShipmentDispatched(orderId, id, carrier, trackingNumber, dispatchedAt);
    }

    private ShipmentDelivered delivered() {
        return new ShipmentDelivered(orderId, id, deliveredAt);
    }

    private static void requireNonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    UUID id() {
        return id;
    }

    UUID orderId() {
        return orderId;
    }

    ShipmentStatus status() {
        return status;
    }

    Address address() {
        return address;
    }

    List<ShipmentLine> lines() {
        return List.copyOf(lines);
    }

    String carrier() {
        return carrier;
    }

    String trackingNumber() {
        return trackingNumber;
    }

    Instant scheduledAt() {
        return scheduledAt;
    }

    Instant dispatchedAt() {
        return dispatchedAt;
    }

    Instant deliveredAt() {
        return deliveredAt;
    }

    Instant cancelledAt() {
        return cancelledAt;
    }
}
