package dev.conveyor.order.order;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deadlines of the fulfilment saga ({@code conveyor.order.saga.*}).
 *
 * @param stockTimeout        how long an order waits for inventory's answer to ReserveStock before it is cancelled
 * @param paymentTimeout      how long an order waits for payment's answer to AuthorizePayment before it is cancelled
 * @param shipmentTimeout     how long a confirmed order waits for ShipmentScheduled before ScheduleShipment is sent
 *                            again; each further wait doubles, up to {@code maxWait}
 * @param cancellationTimeout how long a cancelling order waits for shipping's answer before CancelShipment is sent
 *                            again; each further wait doubles, up to {@code maxWait}
 * @param resendLimit         how many times an unanswered shipping command is sent again before the saga is stuck
 * @param failureBackoff      the wait before trying again a deadline whose handling failed; doubles with every
 *                            failure in a row, up to {@code maxWait}
 * @param maxWait             the longest wait between two tries of the same saga
 * @param scanInterval        how often overdue sagas are looked for
 * @param scanBatchSize       the most overdue sagas one scan handles (each in its own transaction)
 */
@ConfigurationProperties("conveyor.order.saga")
public record SagaSettings(@DefaultValue("5m") Duration stockTimeout, @DefaultValue("5m") Duration paymentTimeout,
        @DefaultValue("10m") Duration shipmentTimeout, @DefaultValue("10m") Duration cancellationTimeout,
        @DefaultValue("3") int resendLimit, @DefaultValue("30s") Duration failureBackoff,
        @DefaultValue("1h") Duration maxWait, @DefaultValue("5s") Duration scanInterval,
        @DefaultValue("100") int scanBatchSize) implements FulfilmentSaga.Deadlines {

    private static final int MAX_DOUBLINGS = 20;

    public SagaSettings {
        SettingsChecks.requirePositive("conveyor.order.saga.stock-timeout", stockTimeout);
        SettingsChecks.requirePositive("conveyor.order.saga.payment-timeout", paymentTimeout);
        SettingsChecks.requirePositive("conveyor.order.saga.shipment-timeout", shipmentTimeout);
        SettingsChecks.requirePositive("conveyor.order.saga.cancellation-timeout", cancellationTimeout);
        SettingsChecks.requirePositive("conveyor.order.saga.failure-backoff", failureBackoff);
        SettingsChecks.requirePositive("conveyor.order.saga.max-wait", maxWait);
        if (resendLimit < 0) {
            throw new IllegalArgumentException("conveyor.order.saga.resend-limit must not be negative");
        }
    }

    /** How long the saga waits for the step's answer the first time. */
    @Override
    public Duration timeout(Step step) {
        return switch (Objects.requireNonNull(step, "step")) {
            case STOCK -> stockTimeout;
            case PAYMENT -> paymentTimeout;
            case SHIPMENT -> shipmentTimeout;
            case SHIPMENT_CANCELLATION -> cancellationTimeout;
        };
    }

    /** The wait after the {@code attempts}-th re-send of the step's command: twice the one before, at most maxWait. */
    @Override
    public Duration resendWait(Step step, int attempts) {
        return doubled(timeout(step), attempts);
    }

    /** The wait after the {@code failures}-th failure in a row: failureBackoff, doubled each time, at most maxWait. */
    @Override
    public Duration failureWait(int failures) {
        return doubled(failureBackoff, failures - 1);
    }

    private Duration doubled(Duration base, int times) {
        Duration wait = base.multipliedBy(1L << Math.clamp(times, 0, MAX_DOUBLINGS));
        return wait.compareTo(maxWait) > 0 ? maxWait : wait;
    }
}
