package dev.conveyor.payment.gateway;

import java.util.UUID;

import dev.conveyor.events.Money;

/**
 * The port to a card payment provider. Implementations must be idempotent by key: a second call with the same
 * idempotency key answers the first outcome and never places a second hold on the card, nor charges or releases a
 * hold twice.
 * <p>
 * A capture or void that the hold's state at the provider forbids (capturing a released hold, releasing a charged
 * one) is refused with an {@link IllegalStateException}, the way a provider's API answers such a request with a
 * non-retryable "unexpected state" error: it contradicts what the caller recorded, so it is a fault to investigate,
 * not a business outcome.
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

    /**
     * Captures (charges) a held amount. Returns normally once the hold is captured, by this call or by an earlier
     * one with the same key.
     *
     * @param idempotencyKey   identifies this capture at the provider across retries
     * @param authorizationKey the idempotency key of the approved authorisation whose hold is captured
     * @param amount           the amount to charge, the one held
     * @throws GatewayUnavailableException when the provider could not be reached or answered with a transient error;
     *                                     calling again with the same key is safe
     * @throws IllegalStateException       when the provider refuses: the hold was released, or there is none
     */
    void capture(UUID idempotencyKey, UUID authorizationKey, Money amount);

    /**
     * Voids (releases) a hold. Returns normally once the hold is released, by this call or by an earlier one with
     * the same key.
     *
     * @param idempotencyKey   identifies this void at the provider across retries
     * @param authorizationKey the idempotency key of the approved authorisation whose hold is released
     * @throws GatewayUnavailableException when the provider could not be reached or answered with a transient error;
     *                                     calling again with the same key is safe
     * @throws IllegalStateException       when the provider refuses: the hold was captured, or there is none
     */
    void voidAuthorization(UUID idempotencyKey, UUID authorizationKey);
}
