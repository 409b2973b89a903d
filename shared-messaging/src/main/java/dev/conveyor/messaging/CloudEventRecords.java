package dev.conveyor.messaging;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Maps outbox rows to Kafka records and Kafka records to message metadata in the CloudEvents Kafka binary mode
 * ({@code ce_*} headers, the JSON payload as the value), using the CloudEvents SDK both ways, plus the W3C
 * {@code traceparent} header that tracing instrumentation reads.
 */
final class CloudEventRecords {

    static final String CONTENT_TYPE = "application/json";

    private CloudEventRecords() {
    }

    static ProducerRecord<String, byte[]> toProducerRecord(OutboxRecord row, String topic) {
        Map<String, String> headers = row.headers();
        CloudEventBuilder event = CloudEventBuilder.v1()
            .withId(row.id().toString())
            .withSource(URI.create(headers.get(MessageContext.SOURCE)))
            .withType(row.ceType())
            .withSubject(headers.get(MessageContext.SUBJECT))
            .withTime(OffsetDateTime.ofInstant(Instant.parse(headers.get(MessageContext.TIME)), ZoneOffset.UTC))
            .withDataContentType(CONTENT_TYPE)
            .withData(row.payload().getBytes(StandardCharsets.UTF_8));
        for (String extension : new String[] { MessageContext.CORRELATION_ID, MessageContext.CAUSATION_ID }) {
            if (headers.get(extension) != null) {
                event.withExtension(extension, headers.get(extension));
            }
        }
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.<String>createWriter(topic, null, null, row.messageKey())
            .writeBinary(event.build());
        String traceparent = headers.get(MessageContext.TRACEPARENT);
        if (traceparent != null) {
            record.headers().add(MessageContext.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    /**
     * Reads the CloudEvent of a record.
     * @throws MessageNotReadableException when the record is not a valid binary-mode CloudEvent
     */
    static CloudEvent read(ConsumerRecord<String, byte[]> record) {
        try {
            MessageReader reader = KafkaMessageFactory.createReader(record);
            return reader.toEvent();
        }
        catch (RuntimeException ex) {
            throw new MessageNotReadableException("Not a CloudEvents binary-mode record: " + ex.getMessage(), ex);
        }
    }

    static MessageMetadata metadata(CloudEvent event, ConsumerRecord<String, byte[]> record, String topic) {
        UUID id;
        try {
            id = UUID.fromString(event.getId());
        }
        catch (IllegalArgumentException ex) {
            throw new MessageNotReadableException("ce_id is not a UUID: " + event.getId(), ex);
        }
        return new MessageMetadata(id, event.getType(), event.getSource().toString(), event.getSubject(),
                (event.getTime() != null) ? event.getTime().toInstant() : null,
                stringExtension(event, MessageContext.CORRELATION_ID), stringExtension(event, MessageContext.CAUSATION_ID),
                header(record, MessageContext.TRACEPARENT), topic, record.partition(), record.offset());
    }

    private static String stringExtension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return (value != null) ? value.toString() : null;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
    }
}
