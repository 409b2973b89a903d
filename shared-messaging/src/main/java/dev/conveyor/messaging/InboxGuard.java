package dev.conveyor.messaging;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records processed messages in the inbox table, in the handler's transaction. {@code ON CONFLICT DO NOTHING} tells a
 * redelivery apart without an error: a caught duplicate-key error would abort the whole PostgreSQL transaction.
 */
class InboxGuard {

    private static final String RECORD_BATCH = """
            INSERT INTO inbox (consumer, message_id, message_type, processed_at)
            SELECT ?, id, type, now() FROM unnest(?::uuid[], ?::varchar[]) AS delivered (id, type)
            ON CONFLICT DO NOTHING RETURNING message_id""";

    private final JdbcTemplate jdbc;

    InboxGuard(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Answers true when the message is new for this consumer, false when it was processed before. */
    boolean firstDelivery(String consumer, UUID messageId, String type) {
        return jdbc.update("""
                INSERT INTO inbox (consumer, message_id, message_type, processed_at) VALUES (?, ?, ?, now())
                ON CONFLICT DO NOTHING""", consumer, messageId, type) == 1;
    }

    /**
     * Records a batch of messages in one statement and answers the ids that are new for this consumer (an id given
     * twice is answered once); the others were processed before.
     */
    Set<UUID> firstDeliveries(String consumer, List<UUID> messageIds, List<String> types) {
        return jdbc.execute((ConnectionCallback<Set<UUID>>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(RECORD_BATCH)) {
                statement.setString(1, consumer);
                statement.setArray(2, connection.createArrayOf("uuid", messageIds.toArray()));
                statement.setArray(3, connection.createArrayOf("varchar", types.toArray()));
                Set<UUID> fresh = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(rows.getObject(1, UUID.class));
                    }
                }
                return fresh;
            }
        });
    }

    boolean alreadyProcessed(String consumer, UUID messageId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM inbox WHERE consumer = ? AND message_id = ?)", Boolean.class, consumer, messageId));
    }

    int purge(Duration retention, int limit) {
        return jdbc.update("""
                DELETE FROM inbox WHERE (consumer, message_id) IN (
                    SELECT consumer, message_id FROM inbox WHERE processed_at < now() - make_interval(secs => ?) LIMIT ?)""",
                (double) retention.toSeconds(), limit);
    }
}
