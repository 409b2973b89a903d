package dev.conveyor.events.payment;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.UUID;

/** The amount is authorised on the card and held until captured or voided. */
public record PaymentAuthorized(UUID orderId, UUID paymentId, Money amount, String authorizationCode)
        implements Message {

    public PaymentAuthorized {
        Require.nonNull(orderId, "orderId");
        Require.nonNull(paymentId, "paymentId");
        Require.nonNull(amount, "amount");
        Require.nonBlank(authorizationCode, Bounds.AUTHORIZATION_CODE, "authorizationCode");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
