package dev.conveyor.payment.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.conveyor.events.Message;
import dev.conveyor.events.Money;
import dev.conveyor.events.payment.PaymentAuthorized;
import dev.conveyor.events.payment.PaymentCaptureRejected;
import dev.conveyor.events.payment.PaymentCaptured;
import dev.conveyor.events.payment.PaymentDeclined;
import dev.conveyor.events.payment.PaymentVoidRejected;
import dev.conveyor.events.payment.PaymentVoided;

import static dev.conveyor.payment.payment.PaymentMother.AMOUNT;
import static dev.conveyor.payment.payment.PaymentMother.APPROVED_CARD;
import static dev.conveyor.payment.payment.PaymentMother.AUTHORIZATION_CODE;
import static dev.conveyor.payment.payment.PaymentMother.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PaymentTest {

    private static final Instant LATER = NOW.plusSeconds(60);

    @Nested
    class Authorisation {

        @Test
        void startsAuthorisingWithAFreshIdAndOnlyTheMaskedToken() {
            UUID orderId = UUID.randomUUID();

            Payment payment = Payment.requestAuthorization(orderId, AMOUNT, "tok_declined", NOW);

            assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZING);
            assertThat(payment.awaitsGateway()).isTrue();
            assertThat(payment.id()).isNotNull();
            assertThat(payment.orderId()).isEqualTo(orderId);
            assertThat(payment.amount()).isEqualTo(AMOUNT);
            assertThat(payment.maskedCardToken()).isEqualTo("tok_****ined");
        }

        @Test
        void givesEveryPaymentItsOwnIdempotencyKey() {
            assertThat(PaymentMother.authorizing().id()).isNotEqualTo(PaymentMother.authorizing().id());
        }

        @Test
        void declinesANonPositiveAmountWithoutAskingTheGateway() {
            Payment payment = Payment.requestAuthorization(UUID.randomUUID(), Money.of(BigDecimal.ZERO, "EUR"), APPROVED_CARD, NOW);

            assertThat(payment.awaitsGateway()).isFalse();
            assertThat(payment.authorizationOutcome())
                .containsExactly(new PaymentDeclined(payment.orderId(), Payment.INVALID_AMOUNT));
        }

        @Test
        void recordsTheGatewaysApproval() {
            Payment payment = PaymentMother.authorizing();

            List<Message> outcome = payment.recordApproval(AUTHORIZATION_CODE, LATER);

            assertThat(outcome).containsExactly(new PaymentAuthorized(payment.orderId(), payment.id(), AMOUNT, AUTHORIZATION_CODE));
            assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
            assertThat(payment.authorizationCode()).isEqualTo(AUTHORIZATION_CODE);
            assertThat(payment.updatedAt()).isEqualTo(LATER);
        }

        @Test
        void recordsTheGatewaysDeclineWithItsReason() {
            Payment payment = PaymentMother.authorizing();

            List<Message> outcome = payment.recordDecline(PaymentDeclined.INSUFFICIENT_FUNDS, LATER);

            assertThat(outcome).containsExactly(new PaymentDeclined(payment.orderId(), PaymentDeclined.INSUFFICIENT_FUNDS));
            assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
            assertThat(payment.declineReason()).isEqualTo(PaymentDeclined.INSUFFICIENT_FUNDS);
        }

        @Test
        void answersTheSameApprovalAgainWhenItIsRecordedTwice() {
            Payment payment = PaymentMother.authorized();

            List<Message> outcome = payment.recordApproval(AUTHORIZATION_CODE, LATER);

            assertThat(outcome).containsExactly(new PaymentAuthorized(payment.orderId(), payment.id(), AMOUNT, AUTHORIZATION_CODE));
            assertThat(payment.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void refusesAnApprovalThatContradictsARecordedDecline() {
            Payment payment = PaymentMother.declined(PaymentDeclined.CARD_DECLINED);

            assertThatExceptionOfType(IllegalPaymentTransitionException.class).isThrownBy(() -> payment.recordApproval(AUTHORIZATION_CODE, LATER));
            assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        }

        @Test
        void refusesAnApprovalWithAnotherCode() {
            Payment payment = PaymentMother.authorized();

            assertThatExceptionOfType(IllegalPaymentTransitionException.class).isThrownBy(() -> payment.recordApproval("SIM-OTHER", LATER));
        }

        @Test
        void refusesADeclineThatContradictsARecordedApproval() {
            Payment payment = PaymentMother.authorized();

            assertThatExceptionOfType(IllegalPaymentTransitionException.class).isThrownBy(() -> payment.recordDecline(PaymentDeclined.CARD_DECLINED, LATER));
            assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
        }

        @Test
        void keepsTheVoidWhenTheGatewayApprovesAfterIt() {
            Payment payment = PaymentMother.voidedWhileAuthorizing();

            List<Message> outcome = payment.recordApproval(AUTHORIZATION_CODE, LATER);

            assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
            assertThat(payment.authorizationCode()).as("the hold it reports is voided, not recorded").isNull();
            assertThat(payment.updatedAt()).isEqualTo(NOW);
            assertThat(outcome).containsExactly(new PaymentDeclined(payment.orderId(), Payment.VOIDED_BEFORE_AUTHORIZATION));
        }

        @Test
        void keepsTheVoidWhenTheGatewayDeclinesAfterIt() {
            Payment payment = PaymentMother.voidedWhileAuthorizing();

            List<Message> outcome = payment.recordDecline(PaymentDeclined.CARD_DECLINED, LATER);

            assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
            assertThat(outcome).containsExactly(new PaymentDeclined(payment.orderId(), Payment.VOIDED_BEFORE_AUTHORIZATION));
        }

        @Test
        void hasNoOutcomeWhileTheGatewayDecides() {
            assertThatExceptionOfType(IllegalPaymentTransitionException.class).isThrownBy(() -> PaymentMother.authorizing().authorizationOutcome());
        }

        @Test
        void answersARepeatedRequestWithTheFirstApprovalEvenAfterCaptureOrVoid() {
            for (Payment payment : new Payment[] { PaymentMother.authorized(), PaymentMother.captured(),
                    PaymentMother.voidedAfterAuthorization() }) {
                assertThat(payment.authorizationOutcome())
                    .containsExactly(new PaymentAuthorized(payment.orderId(), payment.id(), AMOUNT, AUTHORIZATION_CODE));
            }
        }

        @Test
        void declinesARequestForAnOrderVoidedBeforeAnyPayment() {
            Payment voidedFirst = PaymentMother.voidedBeforeAuthorization();

            assertThat(voidedFirst.authorizationOutcome())
                .containsExactly(new PaymentDeclined(voidedFirst.orderId(), Payment.VOIDED_BEFORE_AUTHORIZATION));
        }
    }

    @Nested
    class GatewayCalls {

        @Test
        void onlyAnAuthorisedPaymentNeedsTheGatewayToCaptureOrVoid() {
            assertThat(PaymentMother.authorized().holdsAmount()).isTrue();
            assertThat(PaymentMother.authorizing().holdsAmount()).isFalse();
            assertThat(PaymentMother.declined(PaymentDeclined.CARD_DECLINED).holdsAmount()).isFalse();
            assertThat(PaymentMother.captured().holdsAmount()).isFalse();
            assertThat(PaymentMother.voidedAfterAuthorization().holdsAmount()).isFalse();
            assertThat(PaymentMother.voidedBeforeAuthorization().holdsAmount()).isFalse();
        }

        @Test
        void voidsThroughTheGatewayAPaymentThatHoldsAnAmountOrMayStillBeApproved() {
            assertThat(PaymentMother.authorized().mayHoldAmount()).isTrue();
            assertThat(PaymentMother.authorizing().mayHoldAmount()).as("its approval may be unrecorded or on its way")
                .isTrue();
            assertThat(PaymentMother.declined(PaymentDeclined.CARD_DECLINED).mayHoldAmount()).isFalse();
            assertThat(PaymentMother.captured().mayHoldAmount()).isFalse();
            assertThat(PaymentMother.voidedAfterAuthorization().mayHoldAmount()).isFalse();
            assertThat(PaymentMother.voidedWhileAuthorizing().mayHoldAmount()).isFalse();
            assertThat(PaymentMother.voidedBeforeAuthorization().mayHoldAmount()).isFalse();
        }

        @Test
        void voidsAtTheGatewayAnApprovalThatArrivesAfterAVoidOfAnUnrecordedAuthorisation() {
            assertThat(PaymentMother.voidedWhileAuthorizing().voidedBeforeApproval()).isTrue();
        }

        @Test
        void needsNoGatewayVoidForAnApprovalWhenNoVoidCameFirstOrTheVoidReleasedTheRecordedHold() {
            assertThat(PaymentMother.authorizing().voidedBeforeApproval()).isFalse();
            assertThat(PaymentMother.authorized().voidedBeforeApproval()).isFalse();
            assertThat(PaymentMother.declined(PaymentDeclined.CARD_DECLINED).voidedBeforeApproval()).isFalse();
            assertThat(PaymentMother.captured().voidedBeforeApproval()).isFalse();
            assertThat(PaymentMother.voidedAfterAuthorization().voidedBeforeApproval())
                .as("the void released the recorded hold; a repeated approval names the same one").isFalse();
        }

        @Test
        void derivesStableDistinctCaptureAndVoidKeysFromThePaymentId() {
            Payment payment = PaymentMother.authorized();

            assertThat(payment.captureKey()).isEqualTo(Payment.captureKeyOf(payment.id()))
                .isNotEqualTo(payment.voidKey())
                .isNotEqualTo(payment.id());
            assertThat(payment.voidKey()).isEqualTo(Payment.voidKeyOf(payment.id())).isNotEqualTo(payment.id());
            assertThat(PaymentMother.authorized().captureKey()).isNotEqualTo(payment.captureKey());
        }
    }

    @Nested
    class Capture {

        @Test
        void capturesAnAuthorisedPayment() {
            Payment payment = PaymentMother.authorized();

            List<Message> outcome = payment.capture(LATER);

            assertThat(outcome).containsExactly(new PaymentCaptured(payment.orderId(), payment.id(), AMOUNT));
            assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        }

        @Test
        void answersPaymentCapturedAgainForACapturedPayment() {
            Payment payment = PaymentMother.captured();

            assertThat(payment.capture(LATER)).containsExactly(new PaymentCaptured(payment.orderId(), payment.id(), AMOUNT));
            assertThat(payment.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void rejectsTheCaptureOfAVoidedPayment() {
            Payment payment = PaymentMother.voidedAfterAuthorization();

            assertThat(payment.capture(LATER))
                .containsExactly(new PaymentCaptureRejected(payment.orderId(), payment.id(), PaymentCaptureRejected.PAYMENT_VOIDED));
            assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        }

        @Test
        void rejectsTheCaptureOfAnOrderVoidedBeforeAnyPaymentWithoutAPaymentId() {
            Payment voidedFirst = PaymentMother.voidedBeforeAuthorization();

            assertThat(voidedFirst.capture(LATER))
                .containsExactly(new PaymentCaptureRejected(voidedFirst.orderId(), null, PaymentCaptureRejected.PAYMENT_VOIDED));
        }

        @Test
        void rejectsTheCaptureOfADeclinedPayment() {
            Payment payment = PaymentMother.declined(PaymentDeclined.CARD_DECLINED);

            assertThat(payment.capture(LATER))
                .containsExactly(new PaymentCaptureRejected(payment.orderId(), payment.id(), PaymentCaptureRejected.PAYMENT_DECLINED));
            assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        }

        @Test
        void rejectsTheCaptureOfAPaymentStillBeingAuthorised() {
            Payment payment = PaymentMother.authorizing();

            assertThat(payment.capture(LATER))
                .containsExactly(new PaymentCaptureRejected(payment.orderId(), payment.id(), PaymentCaptureRejected.NOT_AUTHORIZED));
            assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZING);
        }
    }

    @Nested
    class Void {

        @Test
        void voidsAnAuthorisedPayment() {
            Payment payment = PaymentMother.authorized();

            assertThat(payment.voidAuthorization(LATER)).containsExactly(new PaymentVoided(payment.orderId(), payment.id()));
            assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
        }

        @Test
        void answersPaymentVoidedAgainForAVoidedPayment() {
            Payment payment = PaymentMother.voidedAfterAuthorization();

            assertThat(payment.voidAuthorization(LATER)).containsExactly(new PaymentVoided(payment.orderId(), payment.id()));
            assertThat(payment.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void voidsADeclinedPaymentAsNothingToVoid() {
            Payment payment = PaymentMother.declined(PaymentDeclined.CARD_DECLINED);

            assertThat(payment.voidAuthorization(LATER)).containsExactly(new PaymentVoided(payment.orderId(), null));
            assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
        }

        @Test
        void voidsAPaymentStillBeingAuthorised() {
            Payment payment = PaymentMother.authorizing();

            assertThat(payment.voidAuthorization(LATER)).containsExactly(new PaymentVoided(payment.orderId(), null));
            assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
            assertThat(payment.awaitsGateway()).isFalse();
        }

        @Test
        void answersPaymentVoidedAgainWithoutChangeForAPaymentVoidedWhileAuthorising() {
            Payment payment = PaymentMother.voidedWhileAuthorizing();

            assertThat(payment.voidAuthorization(LATER)).containsExactly(new PaymentVoided(payment.orderId(), null));
            assertThat(payment.status()).isEqualTo(PaymentStatus.VOIDED);
            assertThat(payment.updatedAt()).isEqualTo(NOW);
        }

        @Test
        void declinesARepeatedAuthorisationOfAPaymentVoidedWhileAuthorising() {
            Payment payment = PaymentMother.voidedWhileAuthorizing();

            assertThat(payment.awaitsGateway()).as("it never asks the gateway to authorise again").isFalse();
            assertThat(payment.authorizationOutcome())
                .containsExactly(new PaymentDeclined(payment.orderId(), Payment.VOIDED_BEFORE_AUTHORIZATION));
        }

        @Test
        void rejectsTheVoidOfACapturedPayment() {
            Payment payment = PaymentMother.captured();

            assertThat(payment.voidAuthorization(LATER))
                .containsExactly(new PaymentVoidRejected(payment.orderId(), payment.id(), PaymentVoidRejected.PAYMENT_CAPTURED));
            assertThat(payment.status()).isEqualTo(PaymentStatus.CAPTURED);
        }

        @Test
        void recordsAPaymentCreatedVoidedWithoutAmountWhenTheOrderHasNoPayment() {
            UUID orderId = UUID.randomUUID();

            Payment voidedFirst = Payment.voidedBeforeAuthorization(orderId, NOW);

            assertThat(voidedFirst.status()).isEqualTo(PaymentStatus.VOIDED);
            assertThat(voidedFirst.amount()).isNull();
            assertThat(voidedFirst.voidAuthorization(LATER)).containsExactly(new PaymentVoided(orderId, null));
        }
    }

    @Nested
    class CardTokenMasking {

        @Test
        void keepsOnlyTheFirstAndLastFourCharactersOfALongToken() {
            assertThat(MaskedCardToken.of("tok_insufficient_funds").value()).isEqualTo("tok_****unds");
        }

        @Test
        void revealsNothingOfAShortToken() {
            assertThat(MaskedCardToken.of("tok_visa").value()).isEqualTo("****");
        }
    }
}
