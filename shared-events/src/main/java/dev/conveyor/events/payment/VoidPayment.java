package dev.conveyor.events.payment;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/** Asks payment to void the order's authorisation, if any; answered by PaymentVoided or PaymentVoidRejected. */
public record VoidPayment(UUID orderId) implements Message {

    public VoidPayment {
        Require.nonNull(orderId, "orderId");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
