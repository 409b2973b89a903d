package dev.conveyor.inventory.reservation;

/** Where a reservation stands; only RESERVED holds stock. */
enum ReservationStatus {
    /** A ReserveStock being decided: in memory only, never stored (the table refuses it). */
    REQUESTED,
    /** Every line is held, until released or committed. */
    RESERVED,
    /** Nothing was reserved (short or unknown sku); the rejection is kept to be re-sent. */
    REJECTED,
    /** The held stock was given back, or a release came before any reservation (no lines). */
    RELEASED,
    /** The held stock left the warehouse: on hand and reserved went down together. */
    COMMITTED
}
