package dev.conveyor.payment.payment;

import org.springframework.stereotype.Component;

import dev.conveyor.events.payment.AuthorizePayment;
import dev.conveyor.events.payment.CapturePayment;
import dev.conveyor.events.payment.VoidPayment;
import dev.conveyor.messaging.MessageHandler;

/** Translates the commands of {@code payments.commands} into calls of {@link Payments}. */
@Component
class PaymentCommandHandlers {

    private final Payments payments;

    PaymentCommandHandlers(Payments payments) {
        this.payments = payments;
    }

    /** Outside any transaction: the gateway call must not hold a database transaction open. */
    @MessageHandler(transactional = false)
    void on(AuthorizePayment command) {
        payments.authorize(command);
    }

    /** Outside any transaction: the gateway call must not hold a database transaction open. */
    @MessageHandler(transactional = false)
    void on(CapturePayment command) {
        payments.capture(command.orderId());
    }

    /** Outside any transaction: the gateway call must not hold a database transaction open. */
    @MessageHandler(transactional = false)
    void on(VoidPayment command) {
        payments.voidAuthorization(command.orderId());
    }
}
