package dev.conveyor.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageType;
import dev.conveyor.events.MessageTypes;

/**
 * Publishes messages the only way a service may: by writing them to the outbox table in the caller's transaction,
 * so that they are sent if and only if the state change that caused them commits. The rows of one transaction are
 * collected and written in one statement just before it commits; the {@link OutboxRelay} sends them to Kafka
 * afterwards.
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
        if (!TransactionSynchronizationManager.isActualTransactionActive()
                || !TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("Outbox.publish needs an active transaction: publish " + message.getClass().getSimpleName()
                    + " from a @Transactional method or a @MessageHandler, together with the state change that causes it");
        }
        MessageType<?> type = MessageTypes.of(message.getClass());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        Map<String, String> headers = MessageContext.headersFor(id, type, message, now);
        rowsOfThisTransaction().add(new OutboxRecord(id, type.aggregateType(), message.subject(), type.topic(),
                message.partitionKey(), type.ceType(), codec.toJson(message), headers, now));
    }

    /**
     * The rows published so far in the current transaction. They are kept by a synchronization of that transaction
     * rather than a bound resource, so that a transaction started inside it (REQUIRES_NEW) writes its own rows.
     */
    private List<OutboxRecord> rowsOfThisTransaction() {
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof PendingRows pending && pending.outbox() == this) {
                return pending.rows;
            }
        }
        PendingRows pending = new PendingRows();
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending.rows;
    }

    /**
     * Writes the transaction's rows in one statement before it commits (a failure rolls the transaction back), and
     * signals the relay once it has committed.
     */
    private final class PendingRows implements TransactionSynchronization {

        private final List<OutboxRecord> rows = new ArrayList<>();

        Outbox outbox() {
            return Outbox.this;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            store.insert(rows);
        }

        @Override
        public void afterCommit() {
            afterCommit.run();
        }
    }
}
