-- The payments of orders, one per order. The id is also the idempotency key of the authorisation at the gateway.
-- Card tokens are never stored in full: masked_card_token keeps at most their first and last four characters.
-- A row without amount is a tombstone: a void recorded for an order that had no payment.
CREATE TABLE payment (
    id                 uuid         PRIMARY KEY,
    order_id           uuid         NOT NULL UNIQUE,
    amount             numeric,
    currency           varchar(3),
    masked_card_token  varchar(16),
    status             varchar(16)  NOT NULL
        CHECK (status IN ('AUTHORIZING', 'AUTHORIZED', 'DECLINED', 'CAPTURED', 'VOIDED')),
    authorization_code varchar(64),
    decline_reason     varchar(64),
    version            bigint       NOT NULL,
    created_at         timestamptz  NOT NULL,
    updated_at         timestamptz  NOT NULL,
    CONSTRAINT payment_amount_with_currency CHECK ((amount IS NULL) = (currency IS NULL)),
    CONSTRAINT payment_only_tombstones_lack_amount CHECK (amount IS NOT NULL OR status = 'VOIDED'),
    CONSTRAINT payment_authorized_has_code
        CHECK (status NOT IN ('AUTHORIZED', 'CAPTURED') OR authorization_code IS NOT NULL),
    CONSTRAINT payment_declined_has_reason CHECK (status <> 'DECLINED' OR decline_reason IS NOT NULL)
);
