package dev.conveyor.inventory.reservation;

import org.springframework.stereotype.Component;

import dev.conveyor.events.inventory.CommitStock;
import dev.conveyor.events.inventory.ReleaseStock;
import dev.conveyor.events.inventory.ReserveStock;
import dev.conveyor.messaging.MessageHandler;

/** Inventory's asynchronous API: the commands of {@code inventory.commands}, each handed to {@link Reservations}. */
@Component
class ReservationCommandHandlers {

    private final Reservations reservations;

    ReservationCommandHandlers(Reservations reservations) {
        this.reservations = reservations;
    }

    @MessageHandler
    void on(ReserveStock command) {
        reservations.reserve(command);
    }

    @MessageHandler
    void on(ReleaseStock command) {
        reservations.release(command);
    }

    @MessageHandler
    void on(CommitStock command) {
        reservations.commit(command);
    }
}
