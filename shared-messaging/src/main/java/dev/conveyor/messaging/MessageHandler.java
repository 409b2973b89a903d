package dev.conveyor.messaging;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a Spring bean as the handler of one message type: its first parameter is the message record
 * (a registered {@code dev.conveyor.events} type), an optional second parameter receives the {@link MessageMetadata}.
 * <pre>
 * &#64;MessageHandler
 * void on(ReserveStock command) {
 *     reservations.reserve(command);
 * }
 * </pre>
 * The handler runs in one transaction with the inbox row that records the message as processed and with every
 * message it publishes through the {@link Outbox}; a redelivered message (same consumer, same id) is skipped. The
 * Kafka offset is committed only after that transaction. An exception rolls everything back; the message is retried
 * with backoff and then sent to the dead-letter topic.
 * <p>
 * A handler that must call a slow remote system (a payment gateway) sets {@code transactional = false}: it then runs
 * outside any transaction, so that no database transaction stays open while it waits, and manages its own
 * transactions; a message already in the inbox is still skipped, and the inbox row is written after the handler
 * returns. Such a handler must be idempotent by its own business key, since a crash between its commit and the inbox
 * write redelivers the message.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface MessageHandler {

    /** Whether the handler runs in the transaction of its inbox row (the default, and the rule). */
    boolean transactional() default true;
}
