package dev.conveyor.messaging;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.Message;
import dev.conveyor.events.MessageType;
import io.cloudevents.CloudEvent;

/**
 * Hands the records of a poll to their {@link MessageHandler}s, a partition's records in one transaction: their inbox
 * rows in one statement, the {@link BatchPreparation}s, the handlers' effects and the outbox rows they write,
 * committed together before the offsets. When that transaction fails it rolls back. If one record's handler failed,
 * the records before it are handled again and the failure is that record's first attempt; otherwise (the commit
 * failed) the records are handled again one at a time, each in its own transaction, until the failing one is found.
 * Only it is retried or dead-lettered, as the failure classification says (the error handler learns which record
 * through a {@link BatchListenerFailedException}): the records before it are committed, those after it come back with
 * the next poll, in order. Records of types without a handler are counted and acknowledged; unreadable ones fail
 * without retry and go to the dead-letter topic; non-transactional handlers run alone, outside any transaction.
 */
class InboxDispatcher implements BatchMessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

    /** SQLSTATE in_failed_sql_transaction: a statement after one that failed in the same transaction. */
    private static final String ABORTED_TRANSACTION = "25P02";

    private final HandlerRegistry handlers;

    private final InboxGuard inbox;

    private final MessageCodec codec;

    private final TransactionTemplate transactions;

    private final TopicNames topics;

    private final String consumerName;

    private final MessagingMetrics metrics;

    private final List<BatchPreparation> preparations;

    /** The record that failed last, by partition: when it comes back it is handled alone, not in a batch again. */
    private final Map<TopicPartition, Long> lastFailed = new ConcurrentHashMap<>();

    InboxDispatcher(HandlerRegistry handlers, InboxGuard inbox, MessageCodec codec, TransactionTemplate transactions,
            TopicNames topics, String consumerName, MessagingMetrics metrics, List<BatchPreparation> preparations) {
        this.handlers = handlers;
        this.inbox = inbox;
        this.codec = codec;
        this.transactions = transactions;
        this.topics = topics;
        this.consumerName = consumerName;
        this.metrics = metrics;
        this.preparations = List.copyOf(preparations);
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, byte[]>> records) {
        int start = 0;
        while (start < records.size()) {
            ConsumerRecord<String, byte[]> first = records.get(start);
            int end = start + 1;
            while (end < records.size() && records.get(end).partition() == first.partition()
                    && records.get(end).topic().equals(first.topic())) {
                end++;
            }
            handlePartition(records.subList(start, end));
            start = end;
        }
    }

    /** Handles one partition's records in order: runs of transactional ones together, the others alone. */
    private void handlePartition(List<ConsumerRecord<String, byte[]>> records) {
        List<Incoming> run = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Incoming incoming = read(record);
            if (incoming.unreadable() != null) {
                handleRun(run);
                throw failed(record, incoming.unreadable());
            }
            if (incoming.handler() != null && !incoming.handler().transactional()) {
                handleRun(run);
                handleAlone(incoming);
                continue;
            }
            run.add(incoming);
        }
        handleRun(run);
    }

    private void handleRun(List<Incoming> run) {
        if (run.isEmpty()) {
            return;
        }
        List<Incoming> together = run;
        if (failedLast(run.getFirst().record())) {
            handleAlone(run.getFirst());
            together = run.subList(1, run.size());
        }
        if (together.size() == 1) {
            handleAlone(together.getFirst());
        }
        else if (!together.isEmpty()) {
            handleTogether(together);
        }
        run.clear();
    }

    private void handleTogether(List<Incoming> run) {
        List<Outcome> outcomes;
        try {
            outcomes = transactions.execute(status -> handleInOneTransaction(run));
        }
        catch (FailedInBatch ex) {
            // That record's handler failed, as it would have alone: the records before it are handled again, and the
            // failure counts as its first attempt.
            handleRun(new ArrayList<>(run.subList(0, ex.index)));
            throw failed(run.get(ex.index).record(), ex.failure);
        }
        catch (RuntimeException ex) {
            ConsumerRecord<String, byte[]> first = run.getFirst().record();
            log.debug("A batch of {} records from {}-{}@{} failed ({}); handling them one at a time", run.size(),
                    first.topic(), first.partition(), first.offset(), ex.toString());
            run.forEach(this::handleAlone);
            return;
        }
        for (int i = 0; i < run.size(); i++) {
            report(run.get(i), outcomes.get(i));
        }
    }

    private List<Outcome> handleInOneTransaction(List<Incoming> run) {
        List<UUID> ids = new ArrayList<>(run.size());
        List<String> types = new ArrayList<>(run.size());
        for (Incoming incoming : run) {
            if (incoming.handler() != null) {
                ids.add(incoming.metadata().id());
                types.add(incoming.metadata().type());
            }
        }
        Set<UUID> fresh = ids.isEmpty() ? Set.of() : inbox.firstDeliveries(consumerName, ids, types);
        prepare(run, fresh);
        List<Outcome> outcomes = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            Incoming incoming = run.get(i);
            if (incoming.handler() == null) {
                outcomes.add(Outcome.UNKNOWN_TYPE);
            }
            // A message id twice in one batch: the first is new, the second a duplicate.
            else if (fresh.remove(incoming.metadata().id())) {
                outcomes.add(new Outcome(true, invokeInBatch(incoming, i)));
            }
            else {
                outcomes.add(Outcome.DUPLICATE);
            }
        }
        return outcomes;
    }

    /** Hands the messages the batch is about to handle to the preparations, in their order. */
    private void prepare(List<Incoming> run, Set<UUID> fresh) {
        if (preparations.isEmpty() || fresh.isEmpty()) {
            return;
        }
        List<Message> messages = new ArrayList<>(fresh.size());
        Set<UUID> seen = new HashSet<>();
        for (Incoming incoming : run) {
            if (incoming.handler() != null && fresh.contains(incoming.metadata().id()) && seen.add(incoming.metadata().id())) {
                messages.add(incoming.message());
            }
        }
        List<Message> view = Collections.unmodifiableList(messages);
        preparations.forEach(preparation -> preparation.prepare(view));
    }

    private static long invokeInBatch(Incoming incoming, int index) {
        try {
            return invoke(incoming);
        }
        catch (RuntimeException ex) {
            // A statement of an earlier record failed and was caught: this one only met the aborted transaction.
            if (inAbortedTransaction(ex)) {
                throw ex;
            }
            throw new FailedInBatch(index, ex);
        }
    }

    private static boolean inAbortedTransaction(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof SQLException sql && ABORTED_TRANSACTION.equals(sql.getSQLState())) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    /** Handles one record in its own transaction (or none, for a non-transactional handler), as the fallback does. */
    private void handleAlone(Incoming incoming) {
        Outcome outcome;
        try {
            if (incoming.handler() == null) {
                outcome = Outcome.UNKNOWN_TYPE;
            }
            else if (incoming.handler().transactional()) {
                outcome = transactions.execute(status -> inbox.firstDelivery(consumerName, incoming.metadata().id(),
                        incoming.metadata().type()) ? new Outcome(true, invoke(incoming)) : Outcome.DUPLICATE);
            }
            else {
                outcome = handleOutsideTransaction(incoming);
            }
        }
        catch (RuntimeException ex) {
            throw failed(incoming.record(), ex);
        }
        lastFailed.remove(partitionOf(incoming.record()), incoming.record().offset());
        report(incoming, outcome);
    }

    private Outcome handleOutsideTransaction(Incoming incoming) {
        MessageMetadata metadata = incoming.metadata();
        if (inbox.alreadyProcessed(consumerName, metadata.id())) {
            return Outcome.DUPLICATE;
        }
        long nanos = invoke(incoming);
        transactions.executeWithoutResult(status -> inbox.firstDelivery(consumerName, metadata.id(), metadata.type()));
        return new Outcome(true, nanos);
    }

    /** Runs the handler in the message's context; answers how long it took. */
    private static long invoke(Incoming incoming) {
        long started = System.nanoTime();
        MessageContext.runWithin(incoming.metadata(), () -> {
            incoming.handler().invoke(incoming.message(), incoming.metadata());
            return null;
        });
        return System.nanoTime() - started;
    }

    private void report(Incoming incoming, Outcome outcome) {
        if (outcome == Outcome.UNKNOWN_TYPE) {
            metrics.unknownType(incoming.ceType());
            log.debug("No handler for {} on {}-{}@{}: acknowledged", incoming.ceType(), incoming.record().topic(),
                    incoming.record().partition(), incoming.record().offset());
        }
        else if (outcome.handled()) {
            metrics.handled(incoming.metadata().type(), outcome.nanos());
        }
        else {
            MessageMetadata metadata = incoming.metadata();
            metrics.duplicateSkipped(metadata.type());
            log.debug("Skipped duplicate {} {} (correlation {})", metadata.type(), metadata.id(), metadata.correlationId());
        }
    }

    /** Tells the error handler which record failed: the records before it are done, it alone is retried. */
    private BatchListenerFailedException failed(ConsumerRecord<String, byte[]> record, RuntimeException failure) {
        lastFailed.put(partitionOf(record), record.offset());
        String message = "Handling " + record.topic() + "-" + record.partition() + "@" + record.offset() + " failed: "
                + failure.getMessage();
        return switch (FailureClassifier.classify(failure)) {
            case TRANSIENT -> new TransientRecordFailure(message, failure, record);
            case PERMANENT -> new PermanentRecordFailure(message, failure, record);
            case UNKNOWN -> new UnknownRecordFailure(message, failure, record);
        };
    }

    /*
     * One exception type per kind of failure: the error handler keeps a record's retry state while it fails with the
     * same exception type and starts afresh, with the backoff chosen for the new failure, when the type changes. It
     * looks no deeper than the batch exception, so its type must tell the kind: an outage after a bug is then waited
     * out instead of being counted against the bug's few retries, and a bug after an outage is retried a few times
     * instead of for as long as an outage would be.
     */

    static final class TransientRecordFailure extends BatchListenerFailedException {

        TransientRecordFailure(String message, Throwable cause, ConsumerRecord<?, ?> record) {
            super(message, cause, record);
        }
    }

    static final class PermanentRecordFailure extends BatchListenerFailedException {

        PermanentRecordFailure(String message, Throwable cause, ConsumerRecord<?, ?> record) {
            super(message, cause, record);
        }
    }

    static final class UnknownRecordFailure extends BatchListenerFailedException {

        UnknownRecordFailure(String message, Throwable cause, ConsumerRecord<?, ?> record) {
            super(message, cause, record);
        }
    }

    private boolean failedLast(ConsumerRecord<String, byte[]> record) {
        Long offset = lastFailed.get(partitionOf(record));
        return offset != null && offset == record.offset();
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    /** Reads and decodes a record; an unreadable one is returned with its failure, to be dead-lettered in its turn. */
    private Incoming read(ConsumerRecord<String, byte[]> record) {
        try {
            CloudEvent event = CloudEventRecords.read(record);
            HandlerRegistry.Handler handler = handlers.forCeType(event.getType());
            if (handler == null) {
                return new Incoming(record, event.getType(), null, null, null, null);
            }
            String topic = topics.logical(record.topic());
            rejectForeign(event, handler.type(), topic);
            MessageMetadata metadata = CloudEventRecords.metadata(event, record, topic);
            return new Incoming(record, event.getType(), handler, decode(event, handler), metadata, null);
        }
        catch (MessageNotReadableException ex) {
            return new Incoming(record, null, null, null, null, ex);
        }
    }

    /**
     * A type is written by one service on one topic (its contract): a record of it from another source, or on another
     * topic, did not come from the outbox of the service that owns it (a forged or misrouted record) and is refused,
     * so it goes to the dead-letter topic with the reason, unhandled.
     */
    private static void rejectForeign(CloudEvent event, MessageType<?> type, String topic) {
        String source = String.valueOf(event.getSource());
        if (!type.source().equals(source) || !type.topic().equals(topic)) {
            throw new MessageNotReadableException(event.getType() + " " + event.getId() + " came from " + source + " on "
                    + topic + ", but only " + type.source() + " writes it, on " + type.topic(), null);
        }
    }

    private Message decode(CloudEvent event, HandlerRegistry.Handler handler) {
        if (event.getData() == null) {
            throw new MessageNotReadableException(event.getType() + " " + event.getId() + " has no payload", null);
        }
        try {
            return codec.fromJson(event.getData().toBytes(), handler.type());
        }
        catch (RuntimeException ex) {
            throw new MessageNotReadableException("Payload of " + event.getType() + " " + event.getId()
                    + " does not match its contract: " + ex.getMessage(), ex);
        }
    }

    /** A consumed record, read: its handler (null for a type without one), message and metadata, or why it is unreadable. */
    private record Incoming(ConsumerRecord<String, byte[]> record, String ceType, HandlerRegistry.Handler handler,
            Message message, MessageMetadata metadata, MessageNotReadableException unreadable) {
    }

    /** The handler of the record at this index of the batch failed. */
    private static final class FailedInBatch extends RuntimeException {

        private final int index;

        private final RuntimeException failure;

        FailedInBatch(int index, RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.index = index;
            this.failure = failure;
        }
    }

    /** What became of a record: handled (in how many nanoseconds), a duplicate skipped, or a type without handler. */
    private record Outcome(boolean handled, long nanos) {

        static final Outcome DUPLICATE = new Outcome(false, 0);

        static final Outcome UNKNOWN_TYPE = new Outcome(false, -1);
    }
}
