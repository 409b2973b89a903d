-- The transactional outbox (shared-messaging): messages written in the same transaction as the state change that
-- causes them, sent to Kafka by the relay in position order.
CREATE TABLE outbox (
    id             uuid         PRIMARY KEY,
    position       bigint       GENERATED ALWAYS AS IDENTITY UNIQUE,
    aggregate_type varchar(100) NOT NULL,
    aggregate_id   varchar(200) NOT NULL,
    topic          varchar(249) NOT NULL,
    message_key    varchar(200),
    ce_type        varchar(200) NOT NULL,
    payload        jsonb        NOT NULL,
    headers        jsonb        NOT NULL,
    created_at     timestamptz  NOT NULL,
    published_at   timestamptz,
    attempts       integer      NOT NULL DEFAULT 0,
    last_error     text
);

-- The relay's query: unpublished rows in position order.
CREATE INDEX outbox_unpublished_idx ON outbox (position) WHERE published_at IS NULL;
-- The purge: published rows past their retention.
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
