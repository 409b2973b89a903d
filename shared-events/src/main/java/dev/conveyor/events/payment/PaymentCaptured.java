package dev.conveyor.events.payment;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.Require;
import java.util.UUID;

/** The authorised amount was captured: the customer is charged. */
public record PaymentCaptured(UUID orderId, UUID paymentId, Money amount) implements Message {

    public PaymentCaptured {
        Require.nonNull(orderId, "orderId");
        Require.nonNull(paymentId, "paymentId");
        Require.nonNull(amount, "amount");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
