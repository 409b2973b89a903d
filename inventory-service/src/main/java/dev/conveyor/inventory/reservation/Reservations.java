package dev.conveyor.inventory.reservation;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.persistence.EntityManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.conveyor.events.Message;
import dev.conveyor.events.inventory.CommitStock;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockLine;
import dev.conveyor.inventory.product.Product;
import dev.conveyor.inventory.product.ProductLocks;
import dev.conveyor.messaging.Outbox;

/**
 * The reservation use cases: each runs in the transaction of the command's inbox row, locks the products it changes
 * (in sku order, see {@link ProductLocks}) and publishes its answer and the stock levels it changed
 * through the outbox. The rules for repeated and out-of-order commands are on {@link Reservation}.
 */
@Service
class Reservations {

    private static final Logger log = LoggerFactory.getLogger(Reservations.class);

    private final ReservationRepository reservations;

    private final EntityManager entities;

    private final ProductLocks products;

    private final Outbox outbox;

    private final Clock clock;

    Reservations(ReservationRepository reservations, EntityManager entities, ProductLocks products, Outbox outbox,
            Clock clock) {
        this.reservations = reservations;
        this.entities = entities;
        this.products = products;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    void reserve(ReserveStock command) {
        Reservation existing = reservations.findById(command.orderId()).orElse(null);
        if (existing != null) {
            log.info("ReserveStock again for order {} ({}): re-sending its outcome", command.orderId(), existing.status());
            publish(existing.reserve(command.lines(), Map.of(), clock.instant()));
            return;
        }
        Reservation reservation = Reservation.requested(command.orderId(), clock.instant());
        List<Message> messages = reservation.reserve(command.lines(),
                lock(command.lines().stream().map(StockLine::sku).toList()), clock.instant());
        // persist, not save: save would ask the entity whether it is new through a bean property it lacks, an
        // exception per reservation before falling back to the field.
        entities.persist(reservation);
        publish(messages);
        log.debug("ReserveStock for order {}: {}", command.orderId(), reservation.status());
    }

    @Transactional
    void release(ReleaseStock command) {
        Reservation reservation = reservations.findById(command.orderId()).orElse(null);
        if (reservation == null) {
            reservation = reservations.save(Reservation.releasedBeforeReservation(command.orderId(), clock.instant()));
            log.debug("ReleaseStock for order {} before any reservation: recorded as released", command.orderId());
        }
        ReservationStatus before = reservation.status();
        publish(reservation.release(lock(reservation.skusHeld()), clock.instant()));
        log.debug("ReleaseStock for order {}: {} -> {}", command.orderId(), before, reservation.status());
    }

    @Transactional
    void commit(CommitStock command) {
        Reservation reservation = reservations.findById(command.orderId()).orElse(null);
        if (reservation == null) {
            log.warn("CommitStock for order {} without a reservation: nothing committed", command.orderId());
            publish(Reservation.commitWithoutReservation(command.orderId()));
            return;
        }
        ReservationStatus before = reservation.status();
        publish(reservation.commit(lock(reservation.skusHeld()), clock.instant()));
        log.debug("CommitStock for order {}: {} -> {}", command.orderId(), before, reservation.status());
    }

    /** Locks the products of these skus, in sku order; unknown skus are absent from the answer. */
    private Map<String, Product> lock(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return products.lock(skus);
    }

    private void publish(List<Message> messages) {
        messages.forEach(outbox::publish);
    }
}
