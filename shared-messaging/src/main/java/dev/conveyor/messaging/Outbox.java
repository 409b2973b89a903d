package dev.conveyor.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageType;
import dev.conveyor.events.MessageTypes;

/**
 * Publishes messages the only way a service may: by writing them to the outbox table in the caller's transaction,
 * so that they are sent if and only if the state change that caused them commits. The {@link OutboxRelay} sends
 * them to Kafka afterwards.
 */
public class Outbox {

    private final OutboxStore store;

    private final MessageCodec codec;

    private final Runnable afterCommit;

    private final Clock clock;

    Outbox(OutboxStore store, MessageCodec codec, Runnable afterCommit, Clock clock) {
        this.store = store;
        this.codec = codec;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /**
     * Stores the message in the outbox as part of the current transaction.
     * @throws IllegalStateException when no transaction is active: a message written outside a transaction could be
     * sent for a state change that never commits, or lost
     */
    public void publish(Message message) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox.publish needs an active transaction: publish " + message.getClass().getSimpleName()
                    + " from a @Transactional method or a @MessageHandler, together with the state change that causes it");
        }
        MessageType<?> type = MessageTypes.of(message.getClass());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Map<String, String> headers = MessageContext.headersFor(id, type, message, now);
        store.insert(new OutboxRecord(id, aggregateType(type), message.subject(), type.topic(), message.partitionKey(),
                type.ceType(), codec.toJson(message), headers, now));
        if (!TransactionSynchronizationManager.hasResource(this)) {
            // Once per transaction: wake the relay of this instance after the commit, and the relays of the other
            // instances through NOTIFY, which PostgreSQL delivers when (and only if) the transaction commits.
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            store.notifyRelays();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
                    if (status == STATUS_COMMITTED) {
                        afterCommit.run();
                    }
                }
            });
        }
    }

    /** The domain that owns the message stream: {@code order}, {@code inventory}, {@code payment}, {@code shipping}. */
    private static String aggregateType(MessageType<?> type) {
        String ceType = type.ceType();
        int start = "dev.conveyor.".length();
        return ceType.substring(start, ceType.indexOf('.', start));
    }
}
