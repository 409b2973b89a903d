-- Orders with their priced lines and status history.
CREATE TABLE orders (
    id                  uuid          PRIMARY KEY,
    customer_id         varchar(64) NOT NULL,
    status              varchar(16)   NOT NULL,
    cancellation_reason varchar(32),
    total_amount        numeric       NOT NULL,
    total_currency      varchar(3)    NOT NULL,
    ship_name           varchar(200)  NOT NULL,
    ship_line1          varchar(200)  NOT NULL,
    ship_line2          varchar(200),
    ship_city           varchar(100)  NOT NULL,
    ship_postal_code    varchar(20)   NOT NULL,
    ship_country        varchar(2)     NOT NULL,
    shipment_id         uuid,
    carrier             varchar(100),
    tracking_number     varchar(100),
    created_at          timestamptz   NOT NULL,
    updated_at          timestamptz   NOT NULL,
    version             bigint        NOT NULL,
    CONSTRAINT orders_cancellation_reason_ck CHECK ((status = 'CANCELLED') = (cancellation_reason IS NOT NULL))
);

-- GET /api/orders?customerId=...: newest first.
CREATE INDEX orders_customer_created_idx ON orders (customer_id, created_at DESC, id);

CREATE TABLE order_lines (
    order_id   uuid         NOT NULL REFERENCES orders (id),
    line_no    integer      NOT NULL,
    sku        varchar(64)NOT NULL,
    name       varchar(200) NOT NULL,
    quantity   integer      NOT NULL CHECK (quantity > 0),
    unit_price numeric      NOT NULL,
    currency   varchar(3)   NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE order_status_history (
    order_id   uuid        NOT NULL REFERENCES orders (id),
    seq        integer     NOT NULL,
    status     varchar(16) NOT NULL,
    changed_at timestamptz NOT NULL,
    reason     varchar(200),
    PRIMARY KEY (order_id, seq)
);

-- The fulfilment saga's progress per order. The card token is kept only while the payment step needs it.
CREATE TABLE saga_state (
    order_id          uuid         PRIMARY KEY REFERENCES orders (id),
    card_token        varchar(200),
    payment_requested boolean      NOT NULL,
    payment_id        uuid,
    dispatch_handled  boolean      NOT NULL,
    deadline          timestamptz,
    version           bigint       NOT NULL
);

-- The deadline scan: overdue sagas, most overdue first.
CREATE INDEX saga_state_deadline_idx ON saga_state (deadline) WHERE deadline IS NOT NULL;

-- Idempotency-Key of POST /api/orders: the order a key created and a hash of the request it came with. The order
-- row is written at the end of the placing transaction, after the key is claimed: the reference is checked at commit.
CREATE TABLE idempotency_keys (
    idempotency_key varchar(100) PRIMARY KEY,
    request_hash    varchar(64)   NOT NULL,
    order_id        uuid         NOT NULL REFERENCES orders (id) DEFERRABLE INITIALLY DEFERRED,
    created_at      timestamptz  NOT NULL
);

-- The catalogue replica, fed by inventory's ProductRegistered and ProductPriceChanged. name is null while a price
-- change that overtook the registration is all we know; price_version 0 is the registered price.
CREATE TABLE catalogue_products (
    sku            varchar(64)PRIMARY KEY,
    name           varchar(200),
    price_amount   numeric      NOT NULL,
    price_currency varchar(3)   NOT NULL,
    price_version  bigint       NOT NULL,
    updated_at     timestamptz  NOT NULL,
    version        bigint       NOT NULL
);
