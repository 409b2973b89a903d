-- Rows the broker refuses for good (too large, invalid or forbidden topic, ...) are parked after a bounded number of
-- attempts instead of being retried forever: the relay skips them, and later rows of the same message key wait
-- behind them, until an operator retries (parked_at back to NULL) or discards (discarded_at set, never sent) them.
ALTER TABLE outbox
    ADD COLUMN parked_at    timestamptz,
    ADD COLUMN discarded_at timestamptz;

-- The relay's query: the keys that have a parked row still blocking them (normally none, so the index stays tiny).
CREATE INDEX outbox_parked_key_idx ON outbox (message_key, position)
    WHERE parked_at IS NOT NULL AND discarded_at IS NULL AND published_at IS NULL;
