package dev.conveyor.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import dev.conveyor.events.Money;
import dev.conveyor.events.payment.AuthorizePayment;

/** Payments in every state, and the commands that lead there. */
final class PaymentMother {

    static final Instant NOW = Instant.parse("2025-01-15T10:00:00Z");

    static final Money AMOUNT = Money.of(new BigDecimal("49.90"), "EUR");

    static final String APPROVED_CARD = "tok_visa_4242424242";

    static final String AUTHORIZATION_CODE = "SIM-0000CAFE";

    private PaymentMother() {
    }

    static Payment authorizing() {
        return Payment.requestAuthorization(UUID.randomUUID(), AMOUNT, APPROVED_CARD, NOW);
    }

    static Payment authorized() {
        Payment payment = authorizing();
        payment.recordApproval(AUTHORIZATION_CODE, NOW);
        return payment;
    }

    static Payment declined(String reason) {
        Payment payment = authorizing();
        payment.recordDecline(reason, NOW);
        return payment;
    }

    static Payment captured() {
        Payment payment = authorized();
        payment.capture(NOW);
        return payment;
    }

    static Payment voidedAfterAuthorization() {
        Payment payment = authorized();
        payment.voidAuthorization(NOW);
        return payment;
    }

    /** Voided while its authorisation was unrecorded: in flight, or its answer lost in a crash. */
    static Payment voidedWhileAuthorizing() {
        Payment payment = authorizing();
        payment.voidAuthorization(NOW);
        return payment;
    }

    static Payment voidedBeforeAuthorization() {
        return Payment.voidedBeforeAuthorization(UUID.randomUUID(), NOW);
    }

    static AuthorizePayment authorizePayment(String cardToken) {
        return new AuthorizePayment(UUID.randomUUID(), AMOUNT, cardToken);
    }

    static AuthorizePayment authorizePayment(String cardToken, String amount) {
        return new AuthorizePayment(UUID.randomUUID(), Money.of(new BigDecimal(amount), "EUR"), cardToken);
    }
}
