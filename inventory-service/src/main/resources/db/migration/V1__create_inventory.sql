-- Inventory's own schema: the catalogue with its stock levels, and one reservation per orderId.
-- The outbox and inbox tables come from shared-messaging (classpath:db/messaging).

CREATE TABLE product (
    sku            varchar(64)    PRIMARY KEY,
    name           varchar(200)   NOT NULL,
    price_amount   numeric(12, 2) NOT NULL CHECK (price_amount > 0),
    price_currency varchar(3)     NOT NULL CHECK (price_currency ~ '^[A-Z]{3}$'),
    -- 0 at registration, +1 per price change: ProductPriceChanged.priceVersion
    price_version  bigint         NOT NULL DEFAULT 0 CHECK (price_version >= 0),
    on_hand        integer        NOT NULL CHECK (on_hand >= 0),
    reserved       integer        NOT NULL CHECK (reserved >= 0),
    registered_at  timestamptz    NOT NULL,
    version        bigint         NOT NULL DEFAULT 0,
    -- The last line of defence against overselling: no transaction can commit more reserved than on hand.
    CONSTRAINT product_reserved_within_on_hand CHECK (reserved <= on_hand)
);

-- One row per orderId ever seen, whatever its outcome, so that a repeated command re-sends that outcome.
CREATE TABLE reservation (
    order_id         uuid        PRIMARY KEY,
    status           varchar(16) NOT NULL CHECK (status IN ('RESERVED', 'REJECTED', 'RELEASED', 'COMMITTED')),
    rejection_reason varchar(64),
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          bigint      NOT NULL DEFAULT 0,
    CONSTRAINT reservation_rejection_has_reason CHECK ((status = 'REJECTED') = (rejection_reason IS NOT NULL))
);

-- The lines as requested (reserved, then released or committed); none for a release tombstone or a rejection.
CREATE TABLE reservation_line (
    order_id uuid        NOT NULL REFERENCES reservation (order_id),
    line_no  integer     NOT NULL,
    sku      varchar(64) NOT NULL,
    quantity integer     NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_no)
);

-- What a rejected reservation was short of, so that a repeated ReserveStock re-sends the same rejection.
CREATE TABLE reservation_shortage (
    order_id  uuid        NOT NULL REFERENCES reservation (order_id),
    line_no   integer     NOT NULL,
    sku       varchar(64) NOT NULL,
    requested integer     NOT NULL CHECK (requested > 0),
    available integer     NOT NULL CHECK (available >= 0),
    PRIMARY KEY (order_id, line_no)
);
