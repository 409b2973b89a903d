package dev.conveyor.payment.payment;

import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

import dev.conveyor.events.Money;

/** A payment as the REST API shows it: the card token only masked. */
@Schema(name = "Payment")
record PaymentView(
        UUID id,
        UUID orderId,
        @Schema(description = "Null when the order was voided before any payment existed") Money amount,
        @Schema(description = "The card token, masked", example = "tok_****ined", nullable = true) String cardToken,
        @Schema(allowableValues = { "AUTHORIZING", "AUTHORIZED", "DECLINED", "CAPTURED", "VOIDED" }) String status,
        @Schema(nullable = true) String authorizationCode,
        @Schema(nullable = true, example = "CARD_DECLINED") String declineReason,
        Instant createdAt,
        Instant updatedAt) {

    static PaymentView of(Payment payment) {
        return new PaymentView(payment.id(), payment.orderId(), payment.amount(), payment.maskedCardToken(),
                payment.status().name(), payment.authorizationCode(), payment.declineReason(), payment.createdAt(),
                payment.updatedAt());
    }
}
