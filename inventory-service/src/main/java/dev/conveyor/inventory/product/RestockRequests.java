package dev.conveyor.inventory.product;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers the restocks made with an {@code Idempotency-Key} and what they answered. Claiming a key is an
 * {@code INSERT ... ON CONFLICT DO NOTHING} in the restocking transaction: a concurrent request with the same key
 * waits on the primary key until the first commits (then finds its answer) or rolls back (then claims the key).
 */
@Component
class RestockRequests {

    private final JdbcTemplate jdbc;

    private final JsonMapper json;

    RestockRequests(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** An earlier restock with the key: what it asked for and what it answered. */
    record Earlier(String sku, int quantity, ProductView answer) {
    }

    /** Claims the key for this restock; answers false when the key is taken. */
    boolean claim(String key, String sku, int quantity, Instant now) {
        return jdbc.update("""
                INSERT INTO restock_requests (idempotency_key, sku, quantity, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING""", key, sku, quantity, Timestamp.from(now)) == 1;
    }

    void answered(String key, ProductView answer) {
        jdbc.update("UPDATE restock_requests SET answer = ? WHERE idempotency_key = ?", json.writeValueAsString(answer),
                key);
    }

    Optional<Earlier> find(String key) {
        return jdbc.query("SELECT sku, quantity, answer FROM restock_requests WHERE idempotency_key = ?",
                (rs, row) -> new Earlier(rs.getString(1), rs.getInt(2), json.readValue(rs.getString(3), ProductView.class)),
                key).stream().findFirst();
    }
}
