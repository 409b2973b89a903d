package dev.conveyor.payment.gateway;

import java.util.UUID;

import dev.conveyor.events.Money;

/**
 * The port to a card payment provider. Implementations must be idempotent by key: a second call with the same
 * idempotency key answers the first outcome and never places a second hold on the card.
 */
public interface PaymentGateway {

    /**
     * Authorises (holds) the amount on the card.
     *
     * @param idempotencyKey identifies this authorisation at the provider across retries
     * @param amount         the amount to hold
     * @param cardToken      the provider's token for the card; never logged
     * @return the provider's decision
     * @throws GatewayUnavailableException when the provider could not be reached or answered with a transient error;
     *                                     calling again with the same key is safe
     */
    GatewayResult authorize(UUID idempotencyKey, Money amount, String cardToken);
}
