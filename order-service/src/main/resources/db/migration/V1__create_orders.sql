CREATE TABLE orders (
    id           uuid        PRIMARY KEY,
    customer_id  varchar(64) NOT NULL,
    status       varchar(16) NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC);
