package dev.conveyor.messaging;

import java.time.Duration;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records processed messages in the inbox table, in the handler's transaction. {@code ON CONFLICT DO NOTHING} tells a
 * redelivery apart without an error: a caught duplicate-key error would abort the whole PostgreSQL transaction.
 */
class InboxGuard {

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
