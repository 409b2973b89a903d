package dev.conveyor.events.payment;

import dev.conveyor.events.Message;
import dev.conveyor.events.Require;
import java.util.UUID;

/**
 * The authorisation was refused. The reason is a string so that a value added later does not break an older
 * consumer; the constants below are the values known to v1.
 */
public record PaymentDeclined(UUID orderId, String reason) implements Message {

    public static final String CARD_DECLINED = "CARD_DECLINED";
    public static final String INSUFFICIENT_FUNDS = "INSUFFICIENT_FUNDS";
    public static final String AMOUNT_LIMIT = "AMOUNT_LIMIT";

    public PaymentDeclined {
        Require.nonNull(orderId, "orderId");
        Require.nonBlank(reason, "reason");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }
}
