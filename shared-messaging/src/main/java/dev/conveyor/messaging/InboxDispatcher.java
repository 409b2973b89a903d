package dev.conveyor.messaging;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.MessageListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.conveyor.events.Message;
import io.cloudevents.CloudEvent;

/**
 * Hands each consumed record to its {@link MessageHandler}: reads the CloudEvent, decodes the typed payload, and runs
 * the inbox check and the handler in one transaction. Records of types without a handler are counted and
 * acknowledged; unreadable ones fail without retry and go to the dead-letter topic.
 */
class InboxDispatcher implements MessageListener<String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

    private final HandlerRegistry handlers;

    private final InboxGuard inbox;

    private final MessageCodec codec;

    private final TransactionTemplate transactions;

    private final TopicNames topics;

    private final String consumerName;

    private final MessagingMetrics metrics;

    InboxDispatcher(HandlerRegistry handlers, InboxGuard inbox, MessageCodec codec, TransactionTemplate transactions,
            TopicNames topics, String consumerName, MessagingMetrics metrics) {
        this.handlers = handlers;
        this.inbox = inbox;
        this.codec = codec;
        this.transactions = transactions;
        this.topics = topics;
        this.consumerName = consumerName;
        this.metrics = metrics;
    }

    @Override
    public void onMessage(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = CloudEventRecords.read(record);
        HandlerRegistry.Handler handler = handlers.forCeType(event.getType());
        if (handler == null) {
            metrics.unknownType(event.getType());
            log.debug("No handler for {} (id {}) on {}: acknowledged", event.getType(), event.getId(), record.topic());
            return;
        }
        MessageMetadata metadata = CloudEventRecords.metadata(event, record, topics.logical(record.topic()));
        Message message = decode(event, handler);
        long started = System.nanoTime();
        boolean handled = handler.transactional() ? handleInTransaction(handler, message, metadata)
                : handleOutsideTransaction(handler, message, metadata);
        if (handled) {
            metrics.handled(metadata.type(), System.nanoTime() - started);
        }
        else {
            metrics.duplicateSkipped(metadata.type());
            log.debug("Skipped duplicate {} {} (correlation {})", metadata.type(), metadata.id(), metadata.correlationId());
        }
    }

    private boolean handleInTransaction(HandlerRegistry.Handler handler, Message message, MessageMetadata metadata) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            if (!inbox.firstDelivery(consumerName, metadata.id(), metadata.type())) {
                return false;
            }
            MessageContext.runWithin(metadata, () -> {
                handler.invoke(message, metadata);
                return null;
            });
            return true;
        }));
    }

    private boolean handleOutsideTransaction(HandlerRegistry.Handler handler, Message message, MessageMetadata metadata) {
        if (inbox.alreadyProcessed(consumerName, metadata.id())) {
            return false;
        }
        MessageContext.runWithin(metadata, () -> {
            handler.invoke(message, metadata);
            return null;
        });
        transactions.executeWithoutResult(status -> inbox.firstDelivery(consumerName, metadata.id(), metadata.type()));
        return true;
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
}
