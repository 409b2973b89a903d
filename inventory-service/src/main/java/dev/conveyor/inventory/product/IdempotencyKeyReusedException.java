package dev.conveyor.inventory.product;

/** An {@code Idempotency-Key} already used for a different restock (another sku or quantity): answered with 422. */
class IdempotencyKeyReusedException extends RuntimeException {

    IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was already used with a different restock");
    }
}
