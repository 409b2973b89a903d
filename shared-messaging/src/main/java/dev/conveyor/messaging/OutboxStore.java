package dev.conveyor.messaging;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL access to the outbox table (schema in {@code db/messaging/V0_1__create_outbox.sql} and later migrations). */
class OutboxStore {

    static final String CHANNEL = "conveyor_outbox";

    /**
     * Fences the relay's writes: they apply only while the leader's backend (the one parameter) still holds the relay
     * lock of this database, so a relay that lost the lead cannot delete, park or count a failure on rows another relay
     * now sends.
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

    /** The identity sequence of {@code outbox.position}, looked up once. */
    private volatile String sequence;

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
     * Rows a relay may send: not yet sent ({@code published_at} is set only on rows published before delete-on-ack),
     * not parked, and not waiting behind a parked row of their message key (rows without a key have no order to keep
     * and never wait).
     */
    private static final String ELIGIBLE = """
            o.published_at IS NULL AND o.parked_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM outbox p
                              WHERE p.parked_at IS NOT NULL AND p.discarded_at IS NULL AND p.published_at IS NULL
                                AND p.message_key = o.message_key AND p.position < o.position)""";

    /**
     * The next eligible rows after the relay's cursor, in position order, and, read in the same snapshot, what the
     * relay needs to tell whether a row committed late behind its cursor: how many eligible rows lie between its floor
     * and its cursor (the rows it has in flight, plus any late row), and the lowest position of a parked row (its floor
     * must stay below it: a retried row goes back in line at its original position).
     */
    Read readAfter(long floor, long cursor, int size) {
        return jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    WITH next AS (
                        SELECT id, aggregate_type, aggregate_id, topic, message_key, ce_type, payload::text AS payload,
                               headers::text AS headers, created_at, position
                        FROM outbox o WHERE o.position > ? AND\s""" + ELIGIBLE + """

                        ORDER BY o.position LIMIT ?)
                    SELECT n.*,
                           (SELECT count(*) FROM outbox o WHERE o.position > ? AND o.position <= ? AND\s""" + ELIGIBLE + """
                    ) AS behind,
                           (SELECT min(position) FROM outbox WHERE parked_at IS NOT NULL AND discarded_at IS NULL
                                                              AND published_at IS NULL) AS lowest_parked
                    FROM (SELECT 1) one LEFT JOIN next n ON true ORDER BY n.position""")) {
                statement.setLong(1, cursor);
                statement.setInt(2, size);
                statement.setLong(3, floor);
                statement.setLong(4, cursor);
                List<Row> rows = new ArrayList<>(size);
                long behind = 0;
                long lowestParked = Long.MAX_VALUE;
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        behind = result.getLong("behind");
                        long parked = result.getLong("lowest_parked");
                        lowestParked = result.wasNull() ? Long.MAX_VALUE : parked;
                        UUID id = result.getObject("id", UUID.class);
                        if (id != null) {
                            rows.add(new Row(new OutboxRecord(id, result.getString("aggregate_type"),
                                    result.getString("aggregate_id"), result.getString("topic"),
                                    result.getString("message_key"), result.getString("ce_type"), result.getString("payload"),
                                    json.readValue(result.getString("headers"), HEADERS),
                                    result.getTimestamp("created_at").toInstant()), result.getLong("position")));
                        }
                    }
                }
                return new Read(rows, behind, lowestParked);
            }
        });
    }

    /**
     * A candidate for the relay's floor: the last position handed out so far, then the transactions that may still
     * write rows at or below it. Every transaction that draws a position holds a ROW EXCLUSIVE lock on the outbox from
     * the start of its INSERT (before the position is drawn) to its end, so any that drew a position up to the one
     * read here and has not ended is among the holders listed after it. Two statements, in this order, on purpose.
     */
    FloorCandidate floorCandidate() {
        // Before the first row, last_value is the first position to hand out, not one handed out.
        Long last = jdbc.queryForObject("SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM "
                + positionSequence(), Long.class);
        List<String> writers = jdbc.queryForList("""
                SELECT virtualtransaction FROM pg_locks
                WHERE locktype = 'relation' AND relation = to_regclass('outbox') AND mode = 'RowExclusiveLock'
                  AND pid <> pg_backend_pid()""", String.class);
        return new FloorCandidate(last, writers);
    }

    /** Whether every one of the given transactions has ended (committed or rolled back). */
    boolean ended(List<String> virtualTransactions) {
        if (virtualTransactions.isEmpty()) {
            return true;
        }
        Boolean ended = jdbc.execute((Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    SELECT NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'virtualxid' AND virtualxid = ANY (?))""")) {
                statement.setArray(1, connection.createArrayOf("text", virtualTransactions.toArray()));
                try (ResultSet result = statement.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        });
        return Boolean.TRUE.equals(ended);
    }

    private String positionSequence() {
        String sequence = this.sequence;
        if (sequence == null) {
            sequence = jdbc.queryForObject("SELECT pg_get_serial_sequence('outbox', 'position')", String.class);
            this.sequence = sequence;
        }
        return sequence;
    }

    /**
     * Deletes the rows Kafka acknowledged, if the given backend still leads; answers how many rows were deleted. Kafka
     * is the durable log: once it has a row, the outbox has no reason to keep it.
     */
    int deleteAcknowledged(List<UUID> ids, int leaderPid) {
        if (ids.isEmpty()) {
            return 0;
        }
        Integer deleted = jdbc.execute((Connection connection) -> {
            Array array = connection.createArrayOf("uuid", ids.toArray());
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM outbox WHERE id = ANY (?) AND " + HELD_BY_LEADER)) {
                statement.setArray(1, array);
                statement.setInt(2, leaderPid);
                return statement.executeUpdate();
            }
        });
        return (deleted != null) ? deleted : 0;
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

    /**
     * Deletes up to {@code limit} rows marked published before the retention period: only rows left by a release that
     * marked rows instead of deleting them; answers how many.
     */
    int purgePublished(Duration retention, int limit) {
        return jdbc.update("""
                DELETE FROM outbox WHERE id IN (
                    SELECT id FROM outbox WHERE published_at < now() - make_interval(secs => ?) LIMIT ? FOR UPDATE SKIP LOCKED)""",
                (double) retention.toSeconds(), limit);
    }

    PendingSummary pending() {
        return jdbc.queryForObject("""
                SELECT count(*) FILTER (WHERE o.parked_at IS NULL),
                       coalesce(extract(epoch FROM (clock_timestamp() - min(o.created_at) FILTER (WHERE\s""" + ELIGIBLE + """
                       ))), 0),
                       count(*) FILTER (WHERE o.parked_at IS NOT NULL AND o.discarded_at IS NULL)
                FROM outbox o WHERE o.published_at IS NULL""",
                (rows, i) -> new PendingSummary(rows.getLong(1), Duration.ofMillis((long) (rows.getDouble(2) * 1000)),
                        rows.getLong(3)));
    }

    private static String truncate(String error) {
        return (error != null && error.length() > 2000) ? error.substring(0, 2000) : error;
    }

    /**
     * How many rows wait to be sent (including rows waiting behind a parked row), how long the oldest the relay may send
     * has waited (rows held behind a parked row do not age the outbox: the parked count tells of them), and how many
     * rows are parked.
     */
    record PendingSummary(long count, Duration oldestAge, long parked) {
    }

    /** A row read by the relay, with its position. */
    record Row(OutboxRecord record, long position) {
    }

    /**
     * What one read of the relay found: the next rows, how many eligible rows lie between its floor and its cursor,
     * and the lowest position of a parked row ({@link Long#MAX_VALUE} when none).
     */
    record Read(List<Row> rows, long behind, long lowestParked) {
    }

    /** The last position handed out when it was read, and the transactions that may still write at or below it. */
    record FloorCandidate(long position, List<String> writers) {
    }

    /** A parked row as operators see it: no payload (it may hold card tokens or personal data). */
    record ParkedRow(UUID id, String messageKey, String topic, String type, int attempts, String error, Instant parkedAt) {
    }
}
