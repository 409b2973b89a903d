package dev.conveyor.messaging;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.conveyor.events.Message;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.events.inventory.StockReleased;
import dev.conveyor.events.inventory.StockReserved;
import dev.conveyor.events.payment.PaymentAuthorized;


/**
 * A small service on the messaging platform, playing inventory: it handles ReserveStock and ReleaseStock by writing
 * to its ledger and answering through the outbox, and notes PaymentAuthorized events (a second consumed topic).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

    /** SKUs the reservation handler refuses as invalid arguments. */
    static final String REFUSED_SKU_PREFIX = "REFUSED-";

    /** Makes the handler fail for chosen orders, to drive messages to the dead-letter topic. */
    @Component
    static class FaultSwitch {

        final Set<UUID> failing = ConcurrentHashMap.newKeySet();

        /** Orders whose reservation can never succeed: the handler throws an {@link ImpossibleReservation}. */
        final Set<UUID> impossible = ConcurrentHashMap.newKeySet();

        /** How often the reservation handler was called, by order. */
        final Map<UUID, AtomicInteger> reservationAttempts = new ConcurrentHashMap<>();

        /** Orders whose release meets an unavailable dependency: the handler throws a {@link DependencyUnavailable}. */
        final Set<UUID> unavailable = ConcurrentHashMap.newKeySet();

        /** How often the release handler was called, by order. */
        final Map<UUID, AtomicInteger> releaseAttempts = new ConcurrentHashMap<>();

        /**
         * Failures the release handler meets in turn, by order, one an attempt: {@code true} an unavailable dependency,
         * {@code false} a failure of unknown reason; once they are used up it succeeds.
         */
        final Map<UUID, Queue<Boolean>> releaseFailuresInTurn = new ConcurrentHashMap<>();

        /** Orders whose release the batch preparation notes in the ledger ({@code prepared}) before the handlers run. */
        final Set<UUID> prepared = ConcurrentHashMap.newKeySet();
    }

    /** Notes the releases of watched orders a batch is about to handle, in the batch's transaction. */
    @Component
    static class LedgerPreparation implements BatchPreparation {

        private final JdbcTemplate jdbc;

        private final FaultSwitch faults;

        LedgerPreparation(JdbcTemplate jdbc, FaultSwitch faults) {
            this.jdbc = jdbc;
            this.faults = faults;
        }

        @Override
        public void prepare(List<Message> messages) {
            for (Message message : messages) {
                if (message instanceof ReleaseStock release && faults.prepared.contains(release.orderId())) {
                    jdbc.update("INSERT INTO ledger (order_id, effect) VALUES (?, 'prepared')", release.orderId());
                }
            }
        }
    }

    /** A dependency of the release handler is away for now. */
    @TransientFailure
    static class DependencyUnavailable extends RuntimeException {

        DependencyUnavailable(String message) {
            super(message);
        }
    }

    /** A reservation this service can never make, whatever the retries. */
    @PermanentFailure
    static class ImpossibleReservation extends RuntimeException {

        ImpossibleReservation(String message) {
            super(message);
        }
    }

    @Component
    static class LedgerHandlers {

        private final JdbcTemplate jdbc;

        private final Outbox outbox;

        private final FaultSwitch faults;

        LedgerHandlers(JdbcTemplate jdbc, Outbox outbox, FaultSwitch faults) {
            this.jdbc = jdbc;
            this.outbox = outbox;
            this.faults = faults;
        }

        @MessageHandler
        void on(ReserveStock command) {
            faults.reservationAttempts.computeIfAbsent(command.orderId(), order -> new AtomicInteger()).incrementAndGet();
            if (faults.impossible.contains(command.orderId())) {
                throw new ImpossibleReservation("Reservation of " + command.orderId() + " can never succeed");
            }
            if (command.lines().stream().anyMatch(line -> line.sku().startsWith(REFUSED_SKU_PREFIX))) {
                throw new IllegalArgumentException("Reservation of " + command.orderId() + " names a SKU this service refuses");
            }
            jdbc.update("INSERT INTO ledger (order_id, effect) VALUES (?, 'reserved')", command.orderId());
            outbox.publish(new StockReserved(command.orderId(), command.lines()));
        }

        /** An event of another service's topic, so that the service consumes a second topic. */
        @MessageHandler
        void on(PaymentAuthorized event) {
            jdbc.update("INSERT INTO ledger (order_id, effect) VALUES (?, 'paid')", event.orderId());
        }

        @MessageHandler
        void on(ReleaseStock command, MessageMetadata metadata) {
            faults.releaseAttempts.computeIfAbsent(command.orderId(), order -> new AtomicInteger()).incrementAndGet();
            Boolean scripted = faults.releaseFailuresInTurn.getOrDefault(command.orderId(), new ArrayDeque<>()).poll();
            if (faults.unavailable.contains(command.orderId()) || Boolean.TRUE.equals(scripted)) {
                throw new DependencyUnavailable("Release of " + command.orderId() + " waits for a dependency");
            }
            if (Boolean.FALSE.equals(scripted)) {
                throw new IllegalStateException("Release of " + command.orderId() + " fails on purpose, once");
            }
            if (faults.failing.contains(command.orderId())) {
                throw new IllegalStateException("Release of " + command.orderId() + " fails on purpose");
            }
            jdbc.update("INSERT INTO ledger (order_id, effect) VALUES (?, 'released')", command.orderId());
            outbox.publish(new StockReleased(command.orderId(), List.of()));
        }
    }
}
