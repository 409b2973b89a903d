-- The test application's own state: one row per effect its handlers apply.
CREATE TABLE ledger (
    order_id   uuid        NOT NULL,
    effect     varchar(50) NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sequence_counter (
    sku   varchar(64) PRIMARY KEY,
    value integer     NOT NULL
);
