package dev.conveyor.order.saga;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.conveyor.order.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;

class SagaStateTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static final SagaState.StepTimeouts TIMEOUTS = new SagaState.StepTimeouts(Duration.ofMinutes(2),
            Duration.ofMinutes(3));

    @Test
    void waitsForStockWithTheStockTimeoutOnceStarted() {
        SagaState saga = SagaState.start(UUID.randomUUID(), "tok_visa_ok", NOW, TIMEOUTS);

        assertThat(saga.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(saga.cardToken()).isEqualTo("tok_visa_ok");
    }

    @Test
    void waitsForPaymentWithThePaymentTimeoutOnceStockIsReserved() {
        SagaState saga = SagaState.start(UUID.randomUUID(), "tok_visa_ok", NOW, TIMEOUTS);

        saga.settle(OrderStatus.STOCK_RESERVED, NOW.plusSeconds(10), TIMEOUTS);

        assertThat(saga.deadline()).isEqualTo(NOW.plusSeconds(10).plus(Duration.ofMinutes(3)));
        assertThat(saga.cardToken()).as("still needed to authorise").isEqualTo("tok_visa_ok");
    }

    @Test
    void forgetsTheCardTokenAndTheDeadlineOnceThePaymentStepIsOver() {
        SagaState saga = SagaState.start(UUID.randomUUID(), "tok_visa_ok", NOW, TIMEOUTS);

        saga.settle(OrderStatus.CONFIRMED, NOW, TIMEOUTS);

        assertThat(saga.cardToken()).isNull();
        assertThat(saga.deadline()).isNull();
    }

    @Test
    void forgetsTheCardTokenWhenCancelled() {
        SagaState saga = SagaState.start(UUID.randomUUID(), "tok_visa_ok", NOW, TIMEOUTS);

        saga.settle(OrderStatus.CANCELLED, NOW, TIMEOUTS);

        assertThat(saga.cardToken()).isNull();
        assertThat(saga.deadline()).isNull();
    }

    @Test
    void remembersWhichStepsWereRequested() {
        SagaState saga = SagaState.start(UUID.randomUUID(), "tok_visa_ok", NOW, TIMEOUTS);

        saga.noteSent(List.of(SagaCommand.AUTHORIZE_PAYMENT));

        assertThat(saga.paymentRequested()).isTrue();
        assertThat(saga.dispatchHandled()).isFalse();
        saga.noteSent(List.of(SagaCommand.CAPTURE_PAYMENT, SagaCommand.COMMIT_STOCK));
        assertThat(saga.dispatchHandled()).isTrue();
    }

    @Test
    void neverShowsTheCardTokenInItsTextForm() {
        SagaState saga = SagaState.start(UUID.randomUUID(), "tok_secret_value", NOW, TIMEOUTS);

        assertThat(saga.toString()).doesNotContain("tok_secret_value");
    }
}
