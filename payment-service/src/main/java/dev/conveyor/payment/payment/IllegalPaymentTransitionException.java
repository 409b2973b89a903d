package dev.conveyor.payment.payment;

/**
 * A move the payment's state does not allow: an answer of the gateway that contradicts what the payment recorded, or
 * an outcome asked for while the authorisation is still undecided.
 */
class IllegalPaymentTransitionException extends IllegalStateException {

    IllegalPaymentTransitionException(String message) {
        super(message);
    }
}
