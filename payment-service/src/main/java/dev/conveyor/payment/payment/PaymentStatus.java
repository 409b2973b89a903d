package dev.conveyor.payment.payment;

/**
 * Where a payment is in its life: {@code AUTHORIZING -> AUTHORIZED | DECLINED}, {@code AUTHORIZED -> CAPTURED | VOIDED}.
 * A void also ends an {@code AUTHORIZING} payment (after voiding at the gateway whatever its key may hold), and a void
 * for an order without a payment records a payment created {@code VOIDED} so that a late authorisation request never charges
 * the card.
 */
enum PaymentStatus {
    /** Created and sent to the gateway; the outcome is not recorded yet. */
    AUTHORIZING,
    /** The amount is held on the card. */
    AUTHORIZED,
    /** The gateway (or a domain rule) refused the authorisation. */
    DECLINED,
    /** The held amount was charged. */
    CAPTURED,
    /** The hold was released, or the order was voided before an authorisation was recorded; nothing is held. */
    VOIDED
}
