package dev.conveyor.messaging;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One row of the outbox table: a message waiting to be sent (the relay deletes it once Kafka has it), or parked. */
record OutboxRecord(UUID id, String aggregateType, String aggregateId, String topic, String messageKey, String ceType,
        String payload, Map<String, String> headers, Instant createdAt) {
}
