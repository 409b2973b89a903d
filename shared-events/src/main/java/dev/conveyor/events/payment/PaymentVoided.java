package dev.conveyor.events.payment;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/** The order's authorisation was voided; {@code paymentId} is null when nothing had been authorised. */
public record PaymentVoided(UUID orderId, UUID paymentId) implements Message {

    public PaymentVoided {
        Require.nonNull(orderId, "orderId");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
