CREATE TABLE product (
    sku            varchar(64)    PRIMARY KEY,
    name           varchar(200)   NOT NULL,
    price_amount   numeric(12, 2) NOT NULL CHECK (price_amount >= 0),
    price_currency char(3)        NOT NULL,
    on_hand        integer        NOT NULL CHECK (on_hand >= 0),
    reserved       integer        NOT NULL CHECK (reserved >= 0),
    version        bigint         NOT NULL DEFAULT 0,
    CONSTRAINT product_reserved_within_on_hand CHECK (reserved <= on_hand)
);
