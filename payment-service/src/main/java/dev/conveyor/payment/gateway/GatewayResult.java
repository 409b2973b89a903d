package dev.conveyor.payment.gateway;

import java.util.Objects;

/** The provider's decision on an authorisation: approved with an authorisation code, or declined with a reason. */
public sealed interface GatewayResult {

    /**
     * Why the provider declines an authorisation whose key was voided before it was decided (see
     * {@link PaymentGateway#voidAuthorization}); the same value as the payment's own decline of a voided order.
     */
    String AUTHORIZATION_VOIDED = "PAYMENT_VOIDED";

    static GatewayResult approved(String authorizationCode) {
        return new Approved(authorizationCode);
    }

    static GatewayResult declined(String reason) {
        return new Declined(reason);
    }

    /** The amount is held on the card under this authorisation code. */
    record Approved(String authorizationCode) implements GatewayResult {

        public Approved {
            Objects.requireNonNull(authorizationCode, "authorizationCode is required");
        }
    }

    /** The provider refused the authorisation; {@code reason} is one of the {@code PaymentDeclined} reasons. */
    record Declined(String reason) implements GatewayResult {

        public Declined {
            Objects.requireNonNull(reason, "reason is required");
        }
    }
}
