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
     * Authorises (holds) the amount on the card. An authorisation whose key was voided first (see
     * {@link #voidAuthorization}) is declined with {@link GatewayResult#AUTHORIZATION_VOIDED} and holds nothing.
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
     * Voids whatever the authorisation with this key holds, now and later. An approved hold is released; when the
     * provider declined the authorisation, or has not decided it yet, or never received it, nothing is held and the key
     * is closed: a later authorisation with it is declined and places no hold. This is what a provider's cancel by
     * merchant reference (a "technical cancel") offers to a caller that does not know the authorisation's outcome: the
     * authorisation may be in flight, or its answer lost in a crash. Returns normally once nothing is held under the key,
     * by this call or by an earlier one (with this key or another: a released hold stays released).
     *
     * @param idempotencyKey   identifies this void at the provider across retries
     * @param authorizationKey the idempotency key of the authorisation, approved or not, whose hold is voided
     * @throws GatewayUnavailableException when the provider could not be reached or answered with a transient error;
     *                                     calling again with the same key is safe
     * @throws IllegalStateException       when the provider refuses: the hold was captured
     */
    void voidAuthorization(UUID idempotencyKey, UUID authorizationKey);
}
