package dev.conveyor.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import dev.conveyor.messaging.FailureClassifier.Kind;

/**
 * Chooses how the message of a failing handler is retried, by what {@link FailureClassifier} says the failure is, and
 * reports each retry and each dead letter: one log line per retry (the stack trace only where it helps), the
 * {@code conveyor.inbox.retries} counter tagged by failure kind.
 */
class HandlerRetries implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(HandlerRetries.class);

    private static final BackOff NO_RETRIES = new FixedBackOff(0, 0);

    private final MessagingProperties.Consumer settings;

    private final MessagingMetrics metrics;

    HandlerRetries(MessagingProperties.Consumer settings, MessagingMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * The retries for a failure: none when it is permanent, unlimited with waits capped at the transient maximum when
     * it is transient (the partition waits for as long as it lasts), a bounded number otherwise.
     */
    BackOff backOffFor(Exception failure) {
        return switch (FailureClassifier.classify(failure)) {
            case PERMANENT -> NO_RETRIES;
            case TRANSIENT -> transientBackOff();
            case UNKNOWN -> boundedBackOff();
        };
    }

    /** Waits growing up to the transient maximum, never giving up. */
    BackOff transientBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(settings.initialBackoff().toMillis(), settings.multiplier());
        backOff.setMaxInterval(settings.transientMaxBackoff().toMillis());
        return backOff;
    }

    private BackOff boundedBackOff() {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(settings.maxRetries());
        backOff.setInitialInterval(settings.initialBackoff().toMillis());
        backOff.setMultiplier(settings.multiplier());
        backOff.setMaxInterval(settings.maxBackoff().toMillis());
        return backOff;
    }

    /**
     * Called on every failed delivery, {@code attempt} counting from 1 since the failure last changed its type (the
     * error handler then starts the backoff afresh).
     */
    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
        Kind kind = FailureClassifier.classify(failure);
        boolean retried = kind == Kind.TRANSIENT || (kind == Kind.UNKNOWN && attempt <= settings.maxRetries());
        if (!retried) {
            return;
        }
        metrics.retried(kind.tag(), header(record, "ce_type"));
        Throwable cause = unwrap(failure);
        try (MDC.MDCCloseable correlation = MDC.putCloseable("correlationId", header(record, "ce_correlationid"));
                MDC.MDCCloseable message = MDC.putCloseable("messageId", header(record, "ce_id"))) {
            if (kind == Kind.TRANSIENT) {
                String line = "Transient failure handling {} {} (correlation {}) at {}-{}@{}, attempt {}: {}; retrying for as long as it lasts, the partition waits";
                Object[] arguments = { header(record, "ce_type"), header(record, "ce_id"), header(record, "ce_correlationid"),
                        record.topic(), record.partition(), record.offset(), attempt, describe(cause) };
                if (attempt == 1) {
                    log.warn(line, arguments);
                }
                else {
                    log.info(line, arguments);
                }
                log.debug("Transient failure of {}", header(record, "ce_id"), cause);
            }
            else {
                String line = "Handling {} {} (correlation {}) at {}-{}@{} failed, attempt {} of {}: {}; retrying, then the dead-letter topic";
                Object[] arguments = { header(record, "ce_type"), header(record, "ce_id"), header(record, "ce_correlationid"),
                        record.topic(), record.partition(), record.offset(), attempt, settings.maxRetries() + 1,
                        describe(cause) };
                // A failure of unknown reason is likely a bug: its stack trace once, on the first attempt.
                log.warn(line, (attempt == 1) ? append(arguments, cause) : arguments);
            }
        }
    }

    /** Called once the message is in the dead-letter topic. */
    @Override
    public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
        Kind kind = FailureClassifier.classify(failure);
        Throwable cause = unwrap(failure);
        try (MDC.MDCCloseable correlation = MDC.putCloseable("correlationId", header(record, "ce_correlationid"));
                MDC.MDCCloseable message = MDC.putCloseable("messageId", header(record, "ce_id"))) {
            String line = "Dead-lettered {} {} (correlation {}) from {}-{}@{}, {}: {}";
            Object[] arguments = { header(record, "ce_type"), header(record, "ce_id"), header(record, "ce_correlationid"),
                    record.topic(), record.partition(), record.offset(),
                    (kind == Kind.PERMANENT) ? "a permanent failure, not retried" : "retries exhausted", describe(cause) };
            // A permanent failure is explained by its message; a failure of unknown reason needs its stack trace.
            log.error(line, (kind == Kind.PERMANENT) ? arguments : append(arguments, cause));
        }
    }

    /** The handler's own exception, without the listener's and the batch's wrappers. */
    private static Throwable unwrap(Exception failure) {
        Exception unwrapped = MessageListeners.withoutBatchWrapper(failure);
        return (unwrapped instanceof ListenerExecutionFailedException && unwrapped.getCause() != null) ? unwrapped.getCause()
                : unwrapped;
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
    }
}
