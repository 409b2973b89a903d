-- The inbox (shared-messaging): the messages each consumer has processed, written in the same transaction as the
-- handler's effect, so that a redelivered message is recognised and skipped.
CREATE TABLE inbox (
    consumer     varchar(100) NOT NULL,
    message_id   uuid         NOT NULL,
    message_type varchar(200) NOT NULL,
    processed_at timestamptz  NOT NULL,
    PRIMARY KEY (consumer, message_id)
);

CREATE INDEX inbox_processed_at_idx ON inbox (processed_at);
