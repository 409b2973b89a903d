package dev.conveyor.inventory.reservation;

/** A move the reservation's state does not allow: releasing or committing a reservation that was never decided. */
class IllegalReservationTransitionException extends IllegalStateException {

    IllegalReservationTransitionException(String message) {
        super(message);
    }
}
