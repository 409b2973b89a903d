package dev.conveyor.order.saga;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.conveyor.order.order.Orders;
import dev.conveyor.order.order.SagaSettings;

/**
 * Acts on sagas whose awaited answer did not come before its deadline (what the saga awaits in each status is the fulfilment table's): cancels,
 * sends again or gives up, as the table says. Each overdue saga is handled in its own transaction with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances can scan at once without taking the same order twice. A saga
 * whose handling fails gets the error recorded and its next try pushed back, and the scan goes on with the others.
 */
@Component
class SagaDeadlines {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final Orders orders;

    private final SagaSettings settings;

    SagaDeadlines(Orders orders, SagaSettings settings) {
        this.orders = orders;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${conveyor.order.saga.scan-interval:5s}")
    void expireOverdueSagas() {
        int handled = 0;
        int failed = 0;
        while (handled + failed < settings.scanBatchSize()) {
            AtomicReference<UUID> taken = new AtomicReference<>();
            try {
                if (!orders.expireNextOverdue(taken::set)) {
                    break;
                }
                handled++;
            }
            catch (RuntimeException ex) {
                if (taken.get() == null || !noteFailure(taken.get(), ex)) {
                    log.warn("Deadline scan stopped after {} sagas; the next scan retries: {}", handled + failed,
                            ex.toString());
                    break;
                }
                failed++;
            }
        }
        if (handled + failed > 0) {
            log.info("Deadline scan: {} overdue sagas handled, {} failed", handled, failed);
        }
    }

    /** Records the failure on the saga, which pushes its next try back; answers whether that worked. */
    private boolean noteFailure(UUID orderId, RuntimeException ex) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        try {
            orders.noteDeadlineFailure(orderId, cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return true;
        }
        catch (RuntimeException recording) {
            log.error("Order {}: could not record that its deadline failed ({}): {}", orderId, ex, recording.toString());
            return false;
        }
    }
}
