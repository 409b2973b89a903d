package dev.conveyor.events.payment;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/** Asks payment to capture the order's authorised amount; answered by PaymentCaptured or PaymentCaptureRejected. */
public record CapturePayment(UUID orderId) implements Message {

    public CapturePayment {
        Require.nonNull(orderId, "orderId");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
