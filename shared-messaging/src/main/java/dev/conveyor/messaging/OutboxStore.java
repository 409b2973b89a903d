package dev.conveyor.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL access to the outbox table (schema in {@code db/messaging/V0_1__create_outbox.sql} and later migrations). */
class OutboxStore {

    static final String CHANNEL = "conveyor_outbox";

    /**
     * Fences the relay's writes: they apply only while the leader's backend (the one parameter) still holds the relay
     * lock of this database, so a relay that lost the lead cannot mark rows another relay now sends.
     */
    static final String HELD_BY_LEADER = """
            EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = ?
                      AND classid = 0 AND objid = %d AND objsubid = 1
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))"""
        .formatted(RelayLeadership.LOCK_KEY);

    private static final String INSERT_ROWS = """
            INSERT INTO outbox (id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload, headers, created_at)
            SELECT id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload::jsonb, headers::jsonb,
                   created_at::timestamptz
            FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 WITH ORDINALITY AS row (id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload, headers,
                                         created_at, ordinal)
            ORDER BY ordinal""";

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;

    private final JsonMapper json;

    OutboxStore(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Writes the rows in one statement, their positions in the order given. Arrays keep the statement the same
     * whatever the number of rows, so that it is prepared once per connection.
     */
    void insert(List<OutboxRecord> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int size = rows.size();
        Object[][] columns = new Object[9][size];
        for (int i = 0; i < size; i++) {
            OutboxRecord row = rows.get(i);
            columns[0][i] = row.id();
            columns[1][i] = row.aggregateType();
            columns[2][i] = row.aggregateId();
            columns[3][i] = row.topic();
            columns[4][i] = row.messageKey();
            columns[5][i] = row.ceType();
            columns[6][i] = row.payload();
            columns[7][i] = json.writeValueAsString(row.headers());
            columns[8][i] = row.createdAt().toString();
        }
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_ROWS)) {
                statement.setArray(1, connection.createArrayOf("uuid", columns[0]));
                for (int column = 1; column < columns.length; column++) {
                    statement.setArray(column + 1, connection.createArrayOf("text", columns[column]));
                }
                return statement.executeUpdate();
            }
        });
    }

    void insert(OutboxRecord row) {
        insert(List.of(row));
    }

    /** Wakes the relays listening on other connections; sent at once when called outside a transaction. */
    void notifyRelays() {
        jdbc.execute("NOTIFY " + CHANNEL);
    }

    /**
     * The oldest unpublished rows, in publication order, leaving out parked rows and the rows of a message key that
     * wait behind a parked row of that key (rows without a key have no order to keep and never wait).
     */
    List<OutboxRecord> nextBatch(int size) {
        return jdbc.query("""
                SELECT id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload::text, headers::text, created_at
                FROM outbox o
                WHERE o.published_at IS NULL AND o.parked_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM outbox p
                                  WHERE p.parked_at IS NOT NULL AND p.discarded_at IS NULL AND p.published_at IS NULL
                                    AND p.message_key = o.message_key AND p.position < o.position)
                ORDER BY o.position LIMIT ?""", rowMapper(), size);
    }

    /** Marks the rows published, if the given backend still leads; answers how many rows were marked. */
    int markPublished(List<UUID> ids, int leaderPid) {
        if (ids.isEmpty()) {
            return 0;
        }
        Integer marked = jdbc.execute((Connection connection) -> {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY (?) AND "
                            + HELD_BY_LEADER)) {
                statement.setArray(1, array);
                statement.setInt(2, leaderPid);
                return statement.executeUpdate();
            }
        });
        return (marked != null) ? marked : 0;
    }

    /** Records a failed attempt at the row, if the given backend still leads. */
    void recordFailure(UUID id, String error, int leaderPid) {
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND " + HELD_BY_LEADER,
                truncate(error), id, leaderPid);
    }

    /** Sets a row the broker refuses for good aside, with its error, if the given backend still leads. */
    boolean park(UUID id, String error, int leaderPid) {
        return jdbc.update("""
                UPDATE outbox SET parked_at = now(), attempts = attempts + 1, last_error = ?
                WHERE id = ? AND published_at IS NULL AND parked_at IS NULL AND\s""" + HELD_BY_LEADER,
                truncate(error), id, leaderPid) == 1;
    }

    /** The parked rows still blocking their key, oldest first. */
    List<ParkedRow> parked(int limit) {
        return jdbc.query("""
                SELECT id, message_key, topic, ce_type, attempts, last_error, parked_at FROM outbox
                WHERE parked_at IS NOT NULL AND discarded_at IS NULL AND published_at IS NULL
                ORDER BY position LIMIT ?""",
                (rows, i) -> new ParkedRow(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getInt(5), rows.getString(6), rows.getTimestamp(7).toInstant()),
                limit);
    }

    /** Puts a parked row back in line at its original position; answers whether the row was parked. */
    boolean retry(UUID id) {
        return jdbc.update("""
                UPDATE outbox SET parked_at = NULL, attempts = 0
                WHERE id = ? AND parked_at IS NOT NULL AND discarded_at IS NULL AND published_at IS NULL""", id) == 1;
    }

    /** Gives a parked row up: it is kept, never sent, and no longer blocks its key; answers whether it was parked. */
    boolean discard(UUID id) {
        return jdbc.update("""
                UPDATE outbox SET discarded_at = now()
                WHERE id = ? AND parked_at IS NOT NULL AND discarded_at IS NULL AND published_at IS NULL""", id) == 1;
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
                SELECT count(*) FILTER (WHERE parked_at IS NULL),
                       coalesce(extract(epoch FROM (clock_timestamp() - min(created_at) FILTER (WHERE parked_at IS NULL))), 0),
                       count(*) FILTER (WHERE parked_at IS NOT NULL AND discarded_at IS NULL)
                FROM outbox WHERE published_at IS NULL""",
                (rows, i) -> new PendingSummary(rows.getLong(1), Duration.ofMillis((long) (rows.getDouble(2) * 1000)),
                        rows.getLong(3)));
    }

    private RowMapper<OutboxRecord> rowMapper() {
        return (rows, i) -> new OutboxRecord(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                json.readValue(rows.getString(8), HEADERS), rows.getTimestamp(9).toInstant());
    }

    private static String truncate(String error) {
        return (error != null && error.length() > 2000) ? error.substring(0, 2000) : error;
    }

    /**
     * How many rows wait to be sent (including rows waiting behind a parked row), how long the oldest has waited, and
     * how many rows are parked.
     */
    record PendingSummary(long count, Duration oldestAge, long parked) {
    }

    /** A parked row as operators see it: no payload (it may hold card tokens or personal data). */
    record ParkedRow(UUID id, String messageKey, String topic, String type, int attempts, String error, Instant parkedAt) {
    }
}
