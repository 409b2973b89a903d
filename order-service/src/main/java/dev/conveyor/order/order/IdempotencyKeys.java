package dev.conveyor.order.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Remembers which order an {@code Idempotency-Key} created and a hash of the request it came with. A key belongs to the
 * customer who sent it: another customer's request with the same key is another key. Claiming a key is an
 * {@code INSERT ... ON CONFLICT DO NOTHING} in the placing transaction: a concurrent request with the same key waits
 * on the unique index until the first commits (then finds its order) or rolls back (then claims the key).
 */
@Component
class IdempotencyKeys {

    private final JdbcTemplate jdbc;

    private final JsonMapper json;

    IdempotencyKeys(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record Claimed(String requestHash, UUID orderId) {
    }

    /** Claims the customer's key for a new order; answers false when the customer already used the key. */
    boolean claim(String customerId, String key, String requestHash, UUID orderId) {
        return jdbc.update("""
                INSERT INTO idempotency_keys (customer_id, idempotency_key, request_hash, order_id, created_at)
                VALUES (?, ?, ?, ?, now()) ON CONFLICT (customer_id, idempotency_key) DO NOTHING""",
                customerId, key, requestHash, orderId) == 1;
    }

    /** What the customer's key was claimed for, if the customer used it. */
    Optional<Claimed> find(String customerId, String key) {
        return jdbc.query("SELECT request_hash, order_id FROM idempotency_keys WHERE customer_id = ? AND idempotency_key = ?",
                (rs, row) -> new Claimed(rs.getString(1), rs.getObject(2, UUID.class)), customerId, key).stream()
                .findFirst();
    }

    /** A SHA-256 of the request's JSON form: the same body gives the same hash, any difference another. */
    String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(request)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
