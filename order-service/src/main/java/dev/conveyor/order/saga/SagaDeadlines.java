package dev.conveyor.order.saga;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels orders whose current step (stock, payment) got no answer before its deadline, with TIMED_OUT and the
 * compensations due. Each overdue saga is expired in its own transaction with {@code FOR UPDATE SKIP LOCKED}, so
 * several instances can scan at once without taking the same order twice.
 */
@Component
class SagaDeadlines {

    private static final Logger log = LoggerFactory.getLogger(SagaDeadlines.class);

    private final Fulfilment fulfilment;

    private final SagaSettings settings;

    SagaDeadlines(Fulfilment fulfilment, SagaSettings settings) {
        this.fulfilment = fulfilment;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "${conveyor.order.saga.scan-interval:5s}")
    void expireOverdueSagas() {
        int expired = 0;
        try {
            while (expired < settings.scanBatchSize() && fulfilment.expireNextOverdue()) {
                expired++;
            }
        }
        catch (RuntimeException ex) {
            log.warn("Deadline scan stopped after {} sagas; the next scan retries: {}", expired, ex.toString());
        }
        if (expired > 0) {
            log.info("Deadline scan: {} overdue sagas handled", expired);
        }
    }
}
