-- The restocks made with an Idempotency-Key: a repeat of the key answers the first result instead of restocking again.
CREATE TABLE restock_requests (
    idempotency_key VARCHAR(100) PRIMARY KEY,
    sku             VARCHAR(64)  NOT NULL,
    quantity        INTEGER      NOT NULL,
    answer          TEXT,
    created_at      TIMESTAMPTZ  NOT NULL
);
