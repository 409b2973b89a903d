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
import dev.conveyor.messaging.Outbox;

/**
 * The shipping use cases: the saga's commands (schedule, cancel) and the warehouse's actions (dispatch, deliver).
 * Each runs in one transaction and publishes, through the outbox, the messages the shipment's transition returns:
 * commands always get an answer, a repeated command the answer already given; a repeated warehouse action changes
 * nothing and publishes nothing.
 */
@Service
class Shipments {

    private static final Logger log = LoggerFactory.getLogger(Shipments.class);

    private final ShipmentRepository shipments;

    private final Outbox outbox;

    private final Clock clock;

    Shipments(ShipmentRepository shipments, Outbox outbox, Clock clock) {
        this.shipments = shipments;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Schedules the order's shipment, or re-sends the answer already given for the order: the existing shipment's
     * ShipmentScheduled, or ShipmentCancelled once it is cancelled (without a shipment id when the cancellation came
     * before any shipment was scheduled). The first command's address and lines win.
     */
    @Transactional
    void schedule(ScheduleShipment command) {
        UUID orderId = command.orderId();
        Optional<Shipment> existing = shipments.findByOrderId(orderId);
        if (existing.isPresent()) {
            log.info("Order {}: shipment {} already exists ({}), re-sending its answer", orderId, existing.get().id(),
                    existing.get().status());
            publish(existing.get().answerToSchedule());
            return;
        }
        Shipment shipment = Shipment.schedule(orderId, Address.of(command.address()),
                command.lines().stream().map(ShipmentLine::of).toList(), now());
        shipments.save(shipment);
        log.debug("Order {}: scheduled shipment {}", orderId, shipment.id());
        publish(shipment.answerToSchedule());
    }

    /**
     * Cancels the order's shipment unless it has left, and always answers: ShipmentCancelled, or
     * ShipmentCancellationRejected once dispatched. With no shipment for the order it records one created CANCELLED
     * and answers ShipmentCancelled without a shipment id, so that a later ScheduleShipment creates nothing.
     */
    @Transactional
    void cancel(UUID orderId) {
        Shipment shipment = shipments.findByOrderIdForUpdate(orderId).orElse(null);
        if (shipment == null) {
            shipment = shipments.save(Shipment.cancelledBeforeScheduling(orderId, now()));
            log.info("Order {}: no shipment to cancel, recorded the cancellation", orderId);
        }
        List<Message> answer = shipment.cancel(now());
        log.debug("Order {}: cancel shipment {} -> {}", orderId, shipment.id(), answer.getFirst().getClass().getSimpleName());
        publish(answer);
    }

    /** Hands the shipment to a carrier and publishes ShipmentDispatched, once; without a tracking number one is made. */
    @Transactional
    ShipmentView dispatch(UUID shipmentId, String carrier, String trackingNumber) {
        Shipment shipment = find(shipmentId);
        List<Message> dispatched = shipment.dispatch(carrier, trackingNumber, now());
        if (!dispatched.isEmpty()) {
            log.debug("Order {}: shipment {} dispatched with {}", shipment.orderId(), shipmentId, shipment.carrier());
        }
        publish(dispatched);
        return ShipmentView.of(shipment);
    }

    /** Records the delivery and publishes ShipmentDelivered, once. */
    @Transactional
    ShipmentView deliver(UUID shipmentId) {
        Shipment shipment = find(shipmentId);
        List<Message> delivered = shipment.deliver(now());
        if (!delivered.isEmpty()) {
            log.debug("Order {}: shipment {} delivered", shipment.orderId(), shipmentId);
        }
        publish(delivered);
        return ShipmentView.of(shipment);
    }

    /** The shipment, locked; a cancellation recorded before scheduling is no shipment the warehouse can act on. */
    private Shipment find(UUID shipmentId) {
        return shipments.findByIdForUpdate(shipmentId).filter(Shipment::wasScheduled)
            .orElseThrow(() -> new ShipmentNotFoundException(shipmentId));
    }

    private void publish(List<Message> messages) {
        messages.forEach(outbox::publish);
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
        return shipments.findById(shipmentId).filter(Shipment::wasScheduled).map(ShipmentView::of)
            .orElseThrow(() -> new ShipmentNotFoundException(shipmentId));
    }

    @Transactional(readOnly = true)
    List<ShipmentView> findByOrder(UUID orderId) {
        return shipments.findByOrderId(orderId).filter(Shipment::wasScheduled).map(ShipmentView::of).stream().toList();
    }
}
