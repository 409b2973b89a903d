-- A deadline for every answer the saga waits for: what it waits for and since when, how often the command was sent
-- again, failures handling the deadline (with the last error), and since when it gave up (stuck).
ALTER TABLE saga_state
    ADD COLUMN shipment_scheduled boolean      NOT NULL DEFAULT false,
    ADD COLUMN awaiting           varchar(32),
    ADD COLUMN waiting_since      timestamptz,
    ADD COLUMN attempts           integer      NOT NULL DEFAULT 0,
    ADD COLUMN failures           integer      NOT NULL DEFAULT 0,
    ADD COLUMN last_error         varchar(500),
    ADD COLUMN stuck_since        timestamptz;

UPDATE saga_state s SET shipment_scheduled = true
FROM orders o WHERE o.id = s.order_id AND o.shipment_id IS NOT NULL;

UPDATE saga_state s SET waiting_since = o.updated_at,
    awaiting = CASE
        WHEN o.status = 'PLACED' THEN 'STOCK'
        WHEN o.status = 'STOCK_RESERVED' THEN 'PAYMENT'
        WHEN o.status = 'CONFIRMED' AND NOT s.shipment_scheduled THEN 'SHIPMENT'
        WHEN o.status = 'CANCELLING' THEN 'SHIPMENT_CANCELLATION'
    END
FROM orders o WHERE o.id = s.order_id;

-- Orders that waited for shipping without a deadline get one now: the first scan asks shipping again.
UPDATE saga_state SET deadline = now()
WHERE deadline IS NULL AND awaiting IN ('SHIPMENT', 'SHIPMENT_CANCELLATION');

-- conveyor.saga.stuck and .failing, GET /actuator/sagas.
CREATE INDEX saga_state_stuck_idx ON saga_state (stuck_since) WHERE stuck_since IS NOT NULL;
CREATE INDEX saga_state_failing_idx ON saga_state (order_id) WHERE failures > 0;
