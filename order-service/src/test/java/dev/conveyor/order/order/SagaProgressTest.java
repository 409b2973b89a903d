package dev.conveyor.order.order;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SagaProgressTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static final Duration STOCK_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void waitsForStockWithTheStockTimeoutOnceStarted() {
        SagaProgress saga = waitingForStock();

        assertThat(saga.awaiting()).isEqualTo(Step.STOCK);
        assertThat(saga.waitingSince()).isEqualTo(NOW);
        assertThat(saga.deadline()).isEqualTo(NOW.plus(STOCK_TIMEOUT));
        assertThat(saga.cardToken()).isEqualTo("tok_visa_ok");
    }

    @Test
    void waitsForPaymentWithItsOwnTimeoutOnceStockIsReserved() {
        SagaProgress saga = waitingForStock();

        saga.await(Step.PAYMENT, NOW.plusSeconds(10), Duration.ofMinutes(3));

        assertThat(saga.deadline()).isEqualTo(NOW.plusSeconds(10).plus(Duration.ofMinutes(3)));
        assertThat(saga.cardToken()).as("still needed to authorise").isEqualTo("tok_visa_ok");
    }

    @Test
    void forgetsTheCardTokenOnceThePaymentStepIsOver() {
        SagaProgress saga = waitingForStock();

        saga.await(Step.SHIPMENT, NOW, Duration.ofMinutes(10));

        assertThat(saga.cardToken()).isNull();
        assertThat(saga.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void forgetsTheCardTokenAndTheDeadlineWhenItWaitsForNothing() {
        SagaProgress saga = waitingForStock();

        saga.await(null, NOW, null);

        assertThat(saga.awaiting()).isNull();
        assertThat(saga.cardToken()).isNull();
        assertThat(saga.deadline()).isNull();
    }

    @Test
    void keepsTheDeadlineAndAttemptsWhenStillWaitingForTheSameAnswer() {
        SagaProgress saga = waitingForShipment();
        saga.resent(NOW.plus(Duration.ofMinutes(10)), Duration.ofMinutes(20));

        saga.await(Step.SHIPMENT, NOW.plus(Duration.ofMinutes(15)), Duration.ofMinutes(10));

        assertThat(saga.attempts()).isEqualTo(1);
        assertThat(saga.waitingSince()).isEqualTo(NOW);
        assertThat(saga.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
    }

    @Test
    void countsEachResendAndPushesTheDeadline() {
        SagaProgress saga = waitingForShipment();

        saga.resent(NOW.plus(Duration.ofMinutes(10)), Duration.ofMinutes(20));
        saga.resent(NOW.plus(Duration.ofMinutes(30)), Duration.ofMinutes(40));

        assertThat(saga.attempts()).isEqualTo(2);
        assertThat(saga.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(70)));
        assertThat(saga.stuckSince()).isNull();
    }

    @Test
    void givingUpLeavesNoDeadlineAndMarksItStuck() {
        SagaProgress saga = waitingForShipment();

        saga.giveUp(NOW.plus(Duration.ofHours(2)));

        assertThat(saga.deadline()).isNull();
        assertThat(saga.stuckSince()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(saga.isOverdue(NOW.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void aNewAnswerAwaitedClearsAttemptsFailuresAndTheStuckMark() {
        SagaProgress saga = waitingForShipment();
        saga.resent(NOW, Duration.ofMinutes(20));
        saga.deadlineFailed("boom", NOW, Duration.ofSeconds(30));
        saga.giveUp(NOW.plusSeconds(60));

        saga.await(Step.SHIPMENT_CANCELLATION, NOW.plusSeconds(90), Duration.ofMinutes(10));

        assertThat(saga.attempts()).isZero();
        assertThat(saga.failures()).isZero();
        assertThat(saga.lastError()).isNull();
        assertThat(saga.stuckSince()).isNull();
        assertThat(saga.waitingSince()).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    void aFailureIsRecordedAndTheNextTryPushedBackWithoutUsingAResend() {
        SagaProgress saga = waitingForStock();

        saga.deadlineFailed("PSQLException: check constraint violated", NOW.plus(STOCK_TIMEOUT), Duration.ofSeconds(30));
        saga.deadlineFailed("PSQLException: check constraint violated", NOW.plus(STOCK_TIMEOUT), Duration.ofSeconds(60));

        assertThat(saga.failures()).isEqualTo(2);
        assertThat(saga.attempts()).isZero();
        assertThat(saga.lastError()).contains("check constraint");
        assertThat(saga.deadline()).isEqualTo(NOW.plus(STOCK_TIMEOUT).plusSeconds(60));
        assertThat(saga.isOverdue(NOW.plus(STOCK_TIMEOUT))).isFalse();
    }

    @Test
    void keepsALongErrorShort() {
        SagaProgress saga = waitingForStock();

        saga.deadlineFailed("x".repeat(2000), NOW, Duration.ofSeconds(30));

        assertThat(saga.lastError()).hasSize(SagaProgress.MAX_ERROR_LENGTH);
    }

    @Test
    void aSuccessfulResendClearsTheFailures() {
        SagaProgress saga = waitingForShipment();
        saga.deadlineFailed("boom", NOW, Duration.ofSeconds(30));

        saga.resent(NOW.plusSeconds(30), Duration.ofMinutes(20));

        assertThat(saga.failures()).isZero();
        assertThat(saga.lastError()).isNull();
    }

    @Test
    void isOverdueOnceItsDeadlineIsReached() {
        SagaProgress saga = waitingForStock();

        assertThat(saga.isOverdue(NOW.plus(STOCK_TIMEOUT).minusMillis(1))).isFalse();
        assertThat(saga.isOverdue(NOW.plus(STOCK_TIMEOUT))).isTrue();
    }

    @Test
    void remembersThatTheDispatchWasHandled() {
        SagaProgress saga = waitingForStock();
        assertThat(saga.dispatchHandled()).isFalse();

        saga.noteDispatchHandled();

        assertThat(saga.dispatchHandled()).isTrue();
    }

    @Test
    void neverShowsTheCardTokenInItsTextForm() {
        SagaProgress saga = SagaProgress.start("tok_secret_value");

        assertThat(saga.toString()).doesNotContain("tok_secret_value");
    }

    private static SagaProgress waitingForStock() {
        SagaProgress saga = SagaProgress.start("tok_visa_ok");
        saga.await(Step.STOCK, NOW, STOCK_TIMEOUT);
        return saga;
    }

    private static SagaProgress waitingForShipment() {
        SagaProgress saga = SagaProgress.start("tok_visa_ok");
        saga.await(Step.SHIPMENT, NOW, Duration.ofMinutes(10));
        return saga;
    }
}
