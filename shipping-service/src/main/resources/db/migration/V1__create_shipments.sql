CREATE TABLE shipment (
    id          uuid        PRIMARY KEY,
    order_id    uuid        NOT NULL UNIQUE,
    status      varchar(16) NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
