package dev.conveyor.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * The envelope of a received message: its CloudEvents attributes and where it was read from.
 *
 * @param id            {@code ce_id}, the deduplication key
 * @param type          {@code ce_type}, e.g. {@code dev.conveyor.inventory.ReserveStock.v1}
 * @param source        {@code ce_source}, the publishing service
 * @param subject       {@code ce_subject}, the aggregate id
 * @param time          {@code ce_time}
 * @param correlationId the saga this message belongs to (the orderId for saga messages)
 * @param causationId   the id of the message that caused this one, or {@code null}
 * @param traceparent   the W3C trace context, or {@code null}
 * @param topic         the topic it was read from, without the namespace
 * @param partition     the partition it was read from
 * @param offset        its offset in that partition
 */
public record MessageMetadata(UUID id, String type, String source, String subject, Instant time, String correlationId,
        String causationId, String traceparent, String topic, int partition, long offset) {
}
