package dev.conveyor.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL access to the outbox table (schema in {@code db/messaging/V0_1__create_outbox.sql}). */
class OutboxStore {

    static final String CHANNEL = "conveyor_outbox";

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    private final JsonMapper json;

    OutboxStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(OutboxRecord record) {
        jdbc.update("""
                INSERT INTO outbox (id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload, headers, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)""", record.id(), record.aggregateType(),
                record.aggregateId(), record.topic(), record.messageKey(), record.ceType(), record.payload(),
                json.writeValueAsString(record.headers()), Timestamp.from(record.createdAt()));
    }

    /** Queues a notification to the relays listening on other connections; delivered when the transaction commits. */
    void notifyRelays() {
        jdbc.queryForList("SELECT pg_notify('" + CHANNEL + "', '')");
    }

    /** The oldest unpublished rows, in publication order. */
    List<OutboxRecord> nextBatch(int size) {
        return jdbc.query("""
                SELECT id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload::text, headers::text, created_at
                FROM outbox WHERE published_at IS NULL ORDER BY position LIMIT ?""", rowMapper(), size);
    }

    void markPublished(List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.execute((Connection connection) -> {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY (?)")) {
                statement.setArray(1, array);
                return statement.executeUpdate();
            }
        });
    }

    void recordFailure(UUID id, String error) {
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", truncate(error), id);
    }

    /** Deletes up to {@code limit} rows published before the retention period; answers how many. */
    int purgePublished(Duration retention, int limit) {
        return jdbc.update("""
                DELETE FROM outbox WHERE id IN (
                    SELECT id FROM outbox WHERE published_at < now() - make_interval(secs => ?) LIMIT ?)""",
                (double) retention.toSeconds(), limit);
    }

    PendingSummary pending() {
        return jdbc.queryForObject("""
                SELECT count(*), coalesce(extract(epoch FROM (clock_timestamp() - min(created_at))), 0)
                FROM outbox WHERE published_at IS NULL""",
                (rows, i) -> new PendingSummary(rows.getLong(1), Duration.ofMillis((long) (rows.getDouble(2) * 1000))));
    }

    private RowMapper<OutboxRecord> rowMapper() {
        return (rows, i) -> new OutboxRecord(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                json.readValue(rows.getString(8), HEADERS), rows.getTimestamp(9).toInstant());
    }

    private static String truncate(String error) {
        return (error != null && error.length() > 2000) ? error.substring(0, 2000) : error;
    }

    /** How many rows wait to be sent, and how long the oldest has waited. */
    record PendingSummary(long count, Duration oldestAge) {
    }
}
