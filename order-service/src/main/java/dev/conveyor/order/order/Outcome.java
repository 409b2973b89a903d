package dev.conveyor.order.order;

/** What kind of cell of the transition table a trigger hit; it decides how the application reacts and logs. */
enum Outcome {
    /** The order moved to a new status (and may send commands and publish events). */
    ADVANCED,
    /** No status change, but facts were recorded or a step completed (e.g. the shipment id, a delayed capture). */
    RECORDED,
    /** A late reply for an order that no longer wants it: only its compensation is sent. */
    COMPENSATED,
    /** The step this reply answers was already applied: nothing to do. */
    DUPLICATE,
    /** An answer that needs nothing from the saga (the acknowledgement of a compensation or closing command). */
    ACKNOWLEDGED,
    /** A reply that per-order message ordering rules out; nothing is changed, a warning is logged. */
    UNEXPECTED,
    /** Something the saga cannot repair (e.g. goods left after a cancellation, a refused capture): an operator must look. */
    ALERT,
    /** The customer's cancel is refused: the order already shipped or ended (HTTP 409). */
    REFUSED,
    /** A step got no answer in time and can be asked again: its idempotent command is sent again. */
    RESENT,
    /** A step got no answer after every re-send: the saga stops asking and shows as stuck until an answer comes. */
    STUCK
}
