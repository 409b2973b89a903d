package dev.conveyor.events.payment;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/**
 * The void was refused because of the payment's state (e.g. already captured). {@code paymentId} is null when the
 * order has no payment. The reason is a string so that a value added later does not break an older consumer;
 * the constants below are the values known to v1.
 */
public record PaymentVoidRejected(UUID orderId, UUID paymentId, String reason) implements Message {

    public static final String PAYMENT_VOIDED = "PAYMENT_VOIDED";
    public static final String PAYMENT_CAPTURED = "PAYMENT_CAPTURED";
    public static final String NOT_AUTHORIZED = "NOT_AUTHORIZED";
    public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";

    public PaymentVoidRejected {
        Require.nonNull(orderId, "orderId");
        Require.nonBlank(reason, "reason");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
