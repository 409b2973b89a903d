package dev.conveyor.order.saga;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deadlines of the fulfilment saga ({@code conveyor.order.saga.*}).
 *
 * @param stockTimeout   how long an order waits for inventory's answer to ReserveStock
 * @param paymentTimeout how long an order waits for payment's answer to AuthorizePayment
 * @param scanInterval   how often overdue sagas are looked for
 * @param scanBatchSize  the most overdue sagas one scan cancels (each in its own transaction)
 */
@ConfigurationProperties("conveyor.order.saga")
public record SagaSettings(@DefaultValue("5m") Duration stockTimeout, @DefaultValue("5m") Duration paymentTimeout,
        @DefaultValue("5s") Duration scanInterval, @DefaultValue("100") int scanBatchSize) {

    SagaState.StepTimeouts timeouts() {
        return new SagaState.StepTimeouts(stockTimeout, paymentTimeout);
    }
}
