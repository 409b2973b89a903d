package dev.conveyor.events.payment;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.Bounds;
import dev.conveyor.events.Require;
import java.util.UUID;

/**
 * Asks payment to authorise (hold) the amount on the card; answered by PaymentAuthorized or PaymentDeclined.
 * {@link #toString()} masks the card token so that logging the command does not leak it.
 */
public record AuthorizePayment(UUID orderId, Money amount, String cardToken) implements Message {

    public AuthorizePayment {
        Require.nonNull(orderId, "orderId");
        Require.nonNull(amount, "amount");
        Require.nonBlank(cardToken, Bounds.CARD_TOKEN, "cardToken");
    }

    @Override
    public String partitionKey() {
        return orderId.toString();
    }

    @Override
    public String toString() {
        return "AuthorizePayment[orderId=" + orderId + ", amount=" + amount + ", cardToken=" + maskedCardToken() + "]";
    }

    /** Keeps at most the first four characters, and none of a short token. */
    private String maskedCardToken() {
        return (cardToken.length() >= 8 ? cardToken.substring(0, 4) : "") + "****";
    }
}
