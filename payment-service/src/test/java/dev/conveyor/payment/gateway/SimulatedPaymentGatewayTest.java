package dev.conveyor.payment.gateway;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.conveyor.events.Money;
import dev.conveyor.events.payment.PaymentDeclined;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SimulatedPaymentGatewayTest {

    private static final Money AMOUNT = Money.of(new BigDecimal("49.90"), "EUR");

    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway(SimulatedGatewaySettings.defaults());

    @Test
    void approvesAnOrdinaryCardWithAnAuthorisationCode() {
        UUID key = UUID.randomUUID();

        GatewayResult result = gateway.authorize(key, AMOUNT, "tok_visa");

        assertThat(result).isInstanceOfSatisfying(GatewayResult.Approved.class,
                approved -> assertThat(approved.authorizationCode()).startsWith("SIM-"));
        assertThat(gateway.newAuthorizationsFor(key)).isEqualTo(1);
    }

    @Test
    void declinesTheDeclinedTestCard() {
        assertThat(gateway.authorize(UUID.randomUUID(), AMOUNT, "tok_declined"))
            .isEqualTo(GatewayResult.declined(PaymentDeclined.CARD_DECLINED));
    }

    @Test
    void declinesTheInsufficientFundsTestCard() {
        assertThat(gateway.authorize(UUID.randomUUID(), AMOUNT, "tok_insufficient_funds"))
            .isEqualTo(GatewayResult.declined(PaymentDeclined.INSUFFICIENT_FUNDS));
    }

    @Test
    void declinesAnAmountAboveTheLimitButNotOneAtTheLimit() {
        Money atLimit = Money.of(new BigDecimal("10000.00"), "EUR");
        Money aboveLimit = Money.of(new BigDecimal("10000.01"), "EUR");

        assertThat(gateway.authorize(UUID.randomUUID(), atLimit, "tok_visa")).isInstanceOf(GatewayResult.Approved.class);
        assertThat(gateway.authorize(UUID.randomUUID(), aboveLimit, "tok_visa"))
            .isEqualTo(GatewayResult.declined(PaymentDeclined.AMOUNT_LIMIT));
    }

    @Test
    void honoursAConfiguredAmountLimit() {
        SimulatedPaymentGateway strict = new SimulatedPaymentGateway(
                new SimulatedGatewaySettings(2, new BigDecimal("20.00"), Duration.ZERO));

        assertThat(strict.authorize(UUID.randomUUID(), AMOUNT, "tok_visa"))
            .isEqualTo(GatewayResult.declined(PaymentDeclined.AMOUNT_LIMIT));
    }

    @Test
    void failsEveryCallTransientlyDuringAnOutageThenAnswersAgain() {
        UUID key = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        gateway.unavailableFor(Duration.ofHours(1));

        assertThatExceptionOfType(GatewayUnavailableException.class).isThrownBy(() -> gateway.authorize(key, AMOUNT, "tok_visa"))
            .withMessageContaining("outage");
        assertThatExceptionOfType(GatewayUnavailableException.class)
            .isThrownBy(() -> gateway.voidAuthorization(UUID.randomUUID(), other));
        gateway.unavailableFor(Duration.ZERO);

        assertThat(gateway.authorize(key, AMOUNT, "tok_visa")).isInstanceOf(GatewayResult.Approved.class);
        assertThat(gateway.callsFor(key)).isEqualTo(2);
        assertThat(gateway.newAuthorizationsFor(key)).isEqualTo(1);
    }

    @Test
    void failsWithAnUnexplainedFaultTheConfiguredNumberOfTimesPerKeyThenApproves() {
        UUID key = UUID.randomUUID();

        assertThatIllegalStateException()
            .isThrownBy(() -> gateway.authorize(key, AMOUNT, SimulatedPaymentGateway.GATEWAY_FAULT_TOKEN));
        assertThatIllegalStateException()
            .isThrownBy(() -> gateway.authorize(key, AMOUNT, SimulatedPaymentGateway.GATEWAY_FAULT_TOKEN));
        GatewayResult third = gateway.authorize(key, AMOUNT, SimulatedPaymentGateway.GATEWAY_FAULT_TOKEN);

        assertThat(third).isInstanceOf(GatewayResult.Approved.class);
        assertThat(gateway.newAuthorizationsFor(key)).isEqualTo(1);
    }

    @Test
    void failsTransientlyTheConfiguredNumberOfTimesPerKeyThenApproves() {
        UUID key = UUID.randomUUID();

        assertThatExceptionOfType(GatewayUnavailableException.class)
            .isThrownBy(() -> gateway.authorize(key, AMOUNT, SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN));
        assertThatExceptionOfType(GatewayUnavailableException.class)
            .isThrownBy(() -> gateway.authorize(key, AMOUNT, SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN));
        GatewayResult third = gateway.authorize(key, AMOUNT, SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN);

        assertThat(third).isInstanceOf(GatewayResult.Approved.class);
        assertThat(gateway.callsFor(key)).isEqualTo(3);
        assertThat(gateway.newAuthorizationsFor(key)).isEqualTo(1);
    }

    @Test
    void countsTransientFailuresPerKey() {
        SimulatedPaymentGateway flaky = new SimulatedPaymentGateway(
                new SimulatedGatewaySettings(1, new BigDecimal("10000.00"), Duration.ZERO));
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        assertThatExceptionOfType(GatewayUnavailableException.class)
            .isThrownBy(() -> flaky.authorize(first, AMOUNT, SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN));
        assertThatExceptionOfType(GatewayUnavailableException.class)
            .isThrownBy(() -> flaky.authorize(second, AMOUNT, SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN));
        assertThat(flaky.authorize(first, AMOUNT, SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN))
            .isInstanceOf(GatewayResult.Approved.class);
    }

    @Test
    void answersTheRememberedApprovalForARepeatedKeyWithoutASecondHold() {
        UUID key = UUID.randomUUID();
        GatewayResult first = gateway.authorize(key, AMOUNT, "tok_visa");

        GatewayResult again = gateway.authorize(key, AMOUNT, "tok_visa");

        assertThat(again).isEqualTo(first);
        assertThat(gateway.callsFor(key)).isEqualTo(2);
        assertThat(gateway.newAuthorizationsFor(key)).isEqualTo(1);
    }

    @Test
    void answersTheRememberedDeclineForARepeatedKey() {
        UUID key = UUID.randomUUID();
        gateway.authorize(key, AMOUNT, "tok_declined");

        assertThat(gateway.authorize(key, AMOUNT, "tok_visa"))
            .isEqualTo(GatewayResult.declined(PaymentDeclined.CARD_DECLINED));
        assertThat(gateway.newAuthorizationsFor(key)).isZero();
    }

    @Test
    void givesEachKeyItsOwnAuthorisationCode() {
        GatewayResult first = gateway.authorize(UUID.randomUUID(), AMOUNT, "tok_visa");
        GatewayResult second = gateway.authorize(UUID.randomUUID(), AMOUNT, "tok_visa");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void waitsTheConfiguredLatency() {
        Duration latency = Duration.ofMillis(50);
        SimulatedPaymentGateway slow = new SimulatedPaymentGateway(
                new SimulatedGatewaySettings(2, new BigDecimal("10000.00"), latency));

        long started = System.nanoTime();
        slow.authorize(UUID.randomUUID(), AMOUNT, "tok_visa");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(latency);
    }

    @Test
    void capturesAHoldOnceWhateverTheNumberOfCallsWithTheSameKey() {
        UUID hold = approvedHold();
        UUID captureKey = UUID.randomUUID();

        gateway.capture(captureKey, hold, AMOUNT);
        gateway.capture(captureKey, hold, AMOUNT);

        assertThat(gateway.callsFor(captureKey)).isEqualTo(2);
        assertThat(gateway.newCapturesFor(hold)).isEqualTo(1);
        assertThat(gateway.newVoidsFor(hold)).isZero();
    }

    @Test
    void voidsAHoldOnceWhateverTheNumberOfCallsWithTheSameKey() {
        UUID hold = approvedHold();
        UUID voidKey = UUID.randomUUID();

        gateway.voidAuthorization(voidKey, hold);
        gateway.voidAuthorization(voidKey, hold);

        assertThat(gateway.callsFor(voidKey)).isEqualTo(2);
        assertThat(gateway.newVoidsFor(hold)).isEqualTo(1);
        assertThat(gateway.newCapturesFor(hold)).isZero();
    }

    @Test
    void refusesToCaptureAVoidedHold() {
        UUID hold = approvedHold();
        gateway.voidAuthorization(UUID.randomUUID(), hold);

        assertThatIllegalStateException().isThrownBy(() -> gateway.capture(UUID.randomUUID(), hold, AMOUNT))
            .withMessageContaining("already VOIDED");
        assertThat(gateway.newCapturesFor(hold)).isZero();
    }

    @Test
    void refusesToVoidACapturedHold() {
        UUID hold = approvedHold();
        gateway.capture(UUID.randomUUID(), hold, AMOUNT);

        assertThatIllegalStateException().isThrownBy(() -> gateway.voidAuthorization(UUID.randomUUID(), hold))
            .withMessageContaining("already CAPTURED");
        assertThat(gateway.newVoidsFor(hold)).isZero();
    }

    @Test
    void refusesToCaptureADeclinedAuthorisation() {
        UUID declined = UUID.randomUUID();
        gateway.authorize(declined, AMOUNT, "tok_declined");

        assertThatIllegalStateException().isThrownBy(() -> gateway.capture(UUID.randomUUID(), declined, AMOUNT));
    }

    @Test
    void voidsADeclinedAuthorisationAsNothingHeld() {
        UUID declined = UUID.randomUUID();
        gateway.authorize(declined, AMOUNT, "tok_declined");

        gateway.voidAuthorization(UUID.randomUUID(), declined);

        assertThat(gateway.holdsAmountFor(declined)).isFalse();
        assertThat(gateway.newVoidsFor(declined)).isZero();
    }

    @Test
    void holdsAnApprovedAmountUntilItIsCapturedOrVoided() {
        UUID captured = approvedHold();
        UUID voided = approvedHold();
        assertThat(gateway.holdsAmountFor(captured)).isTrue();
        assertThat(gateway.holdsAmountFor(voided)).isTrue();

        gateway.capture(UUID.randomUUID(), captured, AMOUNT);
        gateway.voidAuthorization(UUID.randomUUID(), voided);

        assertThat(gateway.holdsAmountFor(captured)).isFalse();
        assertThat(gateway.holdsAmountFor(voided)).isFalse();
    }

    @Test
    void declinesAnAuthorisationWhoseKeyWasVoidedFirstAndHoldsNothing() {
        UUID key = UUID.randomUUID();
        UUID voidKey = UUID.randomUUID();

        gateway.voidAuthorization(voidKey, key);
        GatewayResult late = gateway.authorize(key, AMOUNT, "tok_visa");

        assertThat(late).isEqualTo(GatewayResult.declined(GatewayResult.AUTHORIZATION_VOIDED));
        assertThat(gateway.authorize(key, AMOUNT, "tok_visa")).as("remembered").isEqualTo(late);
        assertThat(gateway.newAuthorizationsFor(key)).isZero();
        assertThat(gateway.holdsAmountFor(key)).isFalse();
        assertThat(gateway.newVoidsFor(key)).as("nothing was released").isZero();
        assertThatIllegalStateException().isThrownBy(() -> gateway.capture(UUID.randomUUID(), key, AMOUNT));
    }

    @Test
    void releasesAHoldOnceWhenVoidedAgainWithAnotherKey() {
        UUID hold = approvedHold();
        gateway.voidAuthorization(UUID.randomUUID(), hold);

        gateway.voidAuthorization(UUID.randomUUID(), hold);

        assertThat(gateway.newVoidsFor(hold)).isEqualTo(1);
        assertThat(gateway.holdsAmountFor(hold)).isFalse();
    }

    @Test
    void answersARepeatedVoidOfAKeyClosedBeforeItsAuthorisationWithoutReleasingTheLaterAttempt() {
        UUID key = UUID.randomUUID();
        UUID voidKey = UUID.randomUUID();
        gateway.voidAuthorization(voidKey, key);
        gateway.authorize(key, AMOUNT, "tok_visa");

        gateway.voidAuthorization(voidKey, key);

        assertThat(gateway.callsFor(voidKey)).isEqualTo(2);
        assertThat(gateway.newVoidsFor(key)).isZero();
        assertThat(gateway.holdsAmountFor(key)).isFalse();
    }

    @Test
    void failsTheCaptureOfAHoldPlacedWithTheErrorTokenTransientlyPerKeyThenCaptures() {
        UUID hold = UUID.randomUUID();
        for (int attempt = 0; attempt <= SimulatedGatewaySettings.defaults().transientFailures(); attempt++) {
            try {
                gateway.authorize(hold, AMOUNT, SimulatedPaymentGateway.GATEWAY_ERROR_TOKEN);
            }
            catch (GatewayUnavailableException expected) {
                // the authorisation's own transient failures
            }
        }
        UUID captureKey = UUID.randomUUID();

        assertThatExceptionOfType(GatewayUnavailableException.class)
            .isThrownBy(() -> gateway.capture(captureKey, hold, AMOUNT));
        assertThatExceptionOfType(GatewayUnavailableException.class)
            .isThrownBy(() -> gateway.capture(captureKey, hold, AMOUNT));
        gateway.capture(captureKey, hold, AMOUNT);

        assertThat(gateway.callsFor(captureKey)).isEqualTo(3);
        assertThat(gateway.newCapturesFor(hold)).isEqualTo(1);
    }

    @Test
    void trustsAHoldItDoesNotKnowAsAfterARestart() {
        UUID unknownHold = UUID.randomUUID();

        gateway.capture(UUID.randomUUID(), unknownHold, AMOUNT);

        assertThat(gateway.newCapturesFor(unknownHold)).isEqualTo(1);
    }

    @Test
    void waitsTheConfiguredLatencyForCapturesAndVoids() {
        Duration latency = Duration.ofMillis(50);
        SimulatedPaymentGateway slow = new SimulatedPaymentGateway(
                new SimulatedGatewaySettings(2, new BigDecimal("10000.00"), latency));

        long started = System.nanoTime();
        slow.capture(UUID.randomUUID(), UUID.randomUUID(), AMOUNT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(latency);

        started = System.nanoTime();
        slow.voidAuthorization(UUID.randomUUID(), UUID.randomUUID());
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(latency);
    }

    private UUID approvedHold() {
        UUID key = UUID.randomUUID();
        assertThat(gateway.authorize(key, AMOUNT, "tok_visa")).isInstanceOf(GatewayResult.Approved.class);
        return key;
    }

    @Test
    void rejectsNonsensicalSettings() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new SimulatedGatewaySettings(-1, new BigDecimal("10000.00"), Duration.ZERO));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new SimulatedGatewaySettings(2, BigDecimal.ZERO, Duration.ZERO));
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new SimulatedGatewaySettings(2, BigDecimal.TEN, Duration.ofMillis(-1)));
    }
}
