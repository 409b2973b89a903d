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
 * Each transition returns the messages it causes. The warehouse's actions (dispatch, deliver) return none when their
 * target state is already reached, so a repeated request is harmless and publishes nothing; the saga's commands
 * (schedule, cancel) are answered every time, a repeat with the answer already given. A move the state does not allow
 * throws {@link IllegalShipmentTransitionException}. A cancellation that comes too late is not an error but a business
 * answer: {@link ShipmentCancellationRejected}. A cancellation that comes before the shipment was scheduled is kept as
 * a shipment created CANCELLED ({@link #cancelledBeforeScheduling}), so that a later ScheduleShipment creates nothing.
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

    /** Null only for a shipment cancelled before it was scheduled. */
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

    /** Null only for a shipment cancelled before it was scheduled. */
    @Column(name = "scheduled_at", updatable = false)
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

    private Shipment(UUID orderId, ShipmentStatus status, Address address, List<ShipmentLine> lines, Instant scheduledAt,
            Instant cancelledAt) {
        this.id = UUID.randomUUID();
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.status = status;
        this.address = address;
        this.lines = new ArrayList<>(lines);
        this.scheduledAt = scheduledAt;
        this.cancelledAt = cancelledAt;
    }

    /** A new shipment, waiting for the warehouse to dispatch it; {@link #answerToSchedule()} answers its ScheduleShipment. */
    static Shipment schedule(UUID orderId, Address address, List<ShipmentLine> lines, Instant now) {
        Objects.requireNonNull(address, "address");
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("A shipment needs at least one line");
        }
        return new Shipment(orderId, ShipmentStatus.SCHEDULED, address, lines, Objects.requireNonNull(now, "now"), null);
    }

    /**
     * The record of a cancellation for an order that has no shipment yet: a shipment CANCELLED from the start, with no
     * address and no lines, so that a ScheduleShipment arriving later is answered with the cancellation.
     */
    static Shipment cancelledBeforeScheduling(UUID orderId, Instant now) {
        return new Shipment(orderId, ShipmentStatus.CANCELLED, null, List.of(), null, Objects.requireNonNull(now, "now"));
    }

    /**
     * The answer to a ScheduleShipment for this order, the first or a repeat: ShipmentScheduled, or, once cancelled,
     * the cancellation, so that a late repeat can never be read as a live shipment.
     */
    List<Message> answerToSchedule() {
        return List.of((status == ShipmentStatus.CANCELLED) ? cancelled() : new ShipmentScheduled(orderId, id));
    }

    /**
     * Hands the shipment to a carrier: ShipmentDispatched. A tracking number is generated when none is given.
     * Repeating the dispatch with the same carrier (and no or the same tracking number) changes nothing and returns
     * nothing; a different carrier or tracking number for a shipment that already left is refused, as is dispatching
     * a cancelled shipment.
     */
    List<Message> dispatch(String carrier, String trackingNumber, Instant now) {
        requireNonBlank(carrier, "carrier");
        String requestedCarrier = carrier.strip();
        String requestedTracking = (trackingNumber == null || trackingNumber.isBlank()) ? null : trackingNumber.strip();
        switch (status) {
            case SCHEDULED -> {
                this.carrier = requestedCarrier;
                this.trackingNumber = (requestedTracking != null) ? requestedTracking : TrackingNumbers.generate(requestedCarrier);
                this.dispatchedAt = now;
                this.status = ShipmentStatus.DISPATCHED;
                return List.of(dispatched());
            }
            case DISPATCHED, DELIVERED -> {
                boolean sameCarrier = this.carrier.equalsIgnoreCase(requestedCarrier);
                boolean sameTracking = requestedTracking == null || this.trackingNumber.equals(requestedTracking);
                if (sameCarrier && sameTracking) {
                    return List.of();
                }
                throw new IllegalShipmentTransitionException(id, "Shipment " + id + " was already dispatched with carrier "
                        + this.carrier + " and tracking number " + this.trackingNumber);
            }
            case CANCELLED -> throw new IllegalShipmentTransitionException(id, "Shipment " + id + " is cancelled and cannot be dispatched");
            default -> throw new IllegalStateException("Unknown status " + status);
        }
    }

    /**
     * Records the delivery: ShipmentDelivered. Only a dispatched shipment can be delivered; delivering twice changes
     * nothing and returns nothing.
     */
    List<Message> deliver(Instant now) {
        switch (status) {
            case DISPATCHED -> {
                this.deliveredAt = now;
                this.status = ShipmentStatus.DELIVERED;
                return List.of(delivered());
            }
            case DELIVERED -> {
                return List.of();
            }
            case SCHEDULED -> throw new IllegalShipmentTransitionException(id, "Shipment " + id + " has not been dispatched yet and cannot be delivered");
            case CANCELLED -> throw new IllegalShipmentTransitionException(id, "Shipment " + id + " is cancelled and cannot be delivered");
            default -> throw new IllegalStateException("Unknown status " + status);
        }
    }

    /**
     * Cancels the shipment if it has not left yet. The saga's CancelShipment is always answered: ShipmentCancelled
     * (again, when already cancelled) or, once dispatched, a {@link ShipmentCancellationRejected} that leaves the
     * shipment as it is.
     */
    List<Message> cancel(Instant now) {
        return List.of(switch (status) {
            case SCHEDULED -> {
                this.cancelledAt = now;
                this.status = ShipmentStatus.CANCELLED;
                yield cancelled();
            }
            case CANCELLED -> cancelled();
            case DISPATCHED -> new ShipmentCancellationRejected(orderId, id, ShipmentCancellationRejected.ALREADY_DISPATCHED);
            case DELIVERED -> new ShipmentCancellationRejected(orderId, id, ShipmentCancellationRejected.ALREADY_DELIVERED);
        });
    }

    /** Whether a ScheduleShipment created this shipment (false for a cancellation that came first). */
    boolean wasScheduled() {
        return scheduledAt != null;
    }

    /** ShipmentCancelled, naming the shipment only when one was ever scheduled. */
    private ShipmentCancelled cancelled() {
        return new ShipmentCancelled(orderId, wasScheduled() ? id : null);
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
