package dev.conveyor.payment.payment;

import java.util.UUID;

/** No payment has the requested id; answered with 404. */
class PaymentNotFoundException extends RuntimeException {

    PaymentNotFoundException(UUID id) {
        super("No payment with id " + id);
    }
}
