package dev.conveyor.shipping.shipment;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.conveyor.events.Message;
import dev.conveyor.events.shipping.ScheduleShipment;
import dev.conveyor.events.shipping.ShipmentDelivered;
import dev.conveyor.events.shipping.ShipmentDispatched;
import dev.conveyor.messaging.Outbox;

/**
 * The shipping use cases: the saga's commands (schedule, cancel) and the warehouse's actions (dispatch, deliver).
 * Each runs in one transaction with the events it publishes through the outbox. Commands always get an answer, a
 * repeated command the answer already given; a repeated warehouse action changes nothing and publishes nothing.
 */
@Service
class Shipments {

    private static final Logger log = LoggerFactory.getLogger(Shipments.class);

    private final ShipmentRepository shipments;

    private final ShipmentTombstoneRepository tombstones;

    private final Outbox outbox;

    private final Clock clock;

    Shipments(ShipmentRepository shipments, ShipmentTombstoneRepository tombstones, Outbox outbox, Clock clock) {
        this.shipments = shipments;
        this.tombstones = tombstones;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Schedules the order's shipment, or re-sends the answer already given for the order: the existing shipment's
     * ShipmentScheduled (its cancellation once cancelled), or ShipmentCancelled when the order's shipment was
     * cancelled before it was ever scheduled. The first command's address and lines win.
     */
    @Transactional
    void schedule(ScheduleShipment command) {
        UUID orderId = command.orderId();
        Optional<ShipmentTombstone> tombstone = tombstones.findById(orderId);
        if (tombstone.isPresent()) {
            log.info("Order {}: shipment already cancelled before scheduling, answering with the cancellation", orderId);
            outbox.publish(tombstone.get().cancelled());
            return;
        }
        Optional<Shipment> existing = shipments.findByOrderId(orderId);
        if (existing.isPresent()) {
            log.info("Order {}: shipment {} already exists ({}), re-sending its answer", orderId, existing.get().id(),
                    existing.get().status());
            outbox.publish(existing.get().answerToRepeatedSchedule());
            return;
        }
        Shipment shipment = Shipment.schedule(orderId, Address.of(command.address()),
                command.lines().stream().map(ShipmentLine::of).toList(), now());
        shipments.save(shipment);
        log.info("Order {}: scheduled shipment {}", orderId, shipment.id());
        outbox.publish(shipment.scheduled());
    }

    /**
     * Cancels the order's shipment unless it has left, and always answers: ShipmentCancelled, or
     * ShipmentCancellationRejected once dispatched. With no shipment for the order it answers ShipmentCancelled
     * without a shipment id and leaves a tombstone, so a later ScheduleShipment creates nothing.
     */
    @Transactional
    void cancel(UUID orderId) {
        Optional<Shipment> shipment = shipments.findByOrderIdForUpdate(orderId);
        if (shipment.isEmpty()) {
            ShipmentTombstone tombstone = tombstones.findById(orderId)
                .orElseGet(() -> tombstones.save(new ShipmentTombstone(orderId, now())));
            log.info("Order {}: no shipment to cancel, recorded the cancellation", orderId);
            outbox.publish(tombstone.cancelled());
            return;
        }
        Transition<Message> outcome = shipment.get().cancel(now());
        log.info("Order {}: cancel shipment {} -> {}{}", orderId, shipment.get().id(),
                outcome.event().getClass().getSimpleName(), outcome.changedState() ? "" : " (no change)");
        outbox.publish(outcome.event());
    }

    /** Hands the shipment to a carrier and publishes ShipmentDispatched, once; without a tracking number one is made. */
    @Transactional
    ShipmentView dispatch(UUID shipmentId, String carrier, String trackingNumber) {
        Shipment shipment = shipments.findByIdForUpdate(shipmentId).orElseThrow(() -> new ShipmentNotFound(shipmentId));
        Transition<ShipmentDispatched> outcome = shipment.dispatch(carrier, trackingNumber, now());
        if (outcome.changedState()) {
            log.info("Order {}: shipment {} dispatched with {}", shipment.orderId(), shipmentId, shipment.carrier());
            outbox.publish(outcome.event());
        }
        return ShipmentView.of(shipment);
    }

    /** Records the delivery and publishes ShipmentDelivered, once. */
    @Transactional
    ShipmentView deliver(UUID shipmentId) {
        Shipment shipment = shipments.findByIdForUpdate(shipmentId).orElseThrow(() -> new ShipmentNotFound(shipmentId));
        Transition<ShipmentDelivered> outcome = shipment.deliver(now());
        if (outcome.changedState()) {
            log.info("Order {}: shipment {} delivered", shipment.orderId(), shipmentId);
            outbox.publish(outcome.event());
        }
        return ShipmentView.of(shipment);
    }

    /**
     * PostgreSQL keeps microseconds: a time with more precision would read back different from what the first
     * answer and event said, and a repeated answer must be identical.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Transactional(readOnly = true)
    ShipmentView get(UUID shipmentId) {
        return shipments.findById(shipmentId).map(ShipmentView::of).orElseThrow(() -> new ShipmentNotFound(shipmentId));
    }

    @Transactional(readOnly = true)
    List<ShipmentView> findByOrder(UUID orderId) {
        return shipments.findByOrderId(orderId).map(ShipmentView::of).stream().toList();
    }
}
