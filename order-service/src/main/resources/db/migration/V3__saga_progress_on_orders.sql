-- The order owns its fulfilment: the saga's progress moves from saga_state onto the order's own row, so one row (one
-- lock, one version) holds the status and what the saga did and waits for. Existing sagas are copied as they are.
ALTER TABLE orders
    ADD COLUMN card_token         varchar(200),
    ADD COLUMN payment_id         uuid,
    ADD COLUMN shipment_scheduled boolean      NOT NULL DEFAULT false,
    ADD COLUMN dispatch_handled   boolean      NOT NULL DEFAULT false,
    ADD COLUMN awaiting           varchar(32),
    ADD COLUMN waiting_since      timestamptz,
    ADD COLUMN deadline           timestamptz,
    ADD COLUMN attempts           integer      NOT NULL DEFAULT 0,
    ADD COLUMN failures           integer      NOT NULL DEFAULT 0,
    ADD COLUMN last_error         varchar(500),
    ADD COLUMN stuck_since        timestamptz;

UPDATE orders o SET card_token = s.card_token,
    payment_id = s.payment_id,
    shipment_scheduled = s.shipment_scheduled,
    dispatch_handled = s.dispatch_handled,
    awaiting = s.awaiting,
    waiting_since = s.waiting_since,
    deadline = s.deadline,
    attempts = s.attempts,
    failures = s.failures,
    last_error = s.last_error,
    stuck_since = s.stuck_since
FROM saga_state s WHERE s.order_id = o.id;

-- payment_requested was never read: it is not carried over.
DROP TABLE saga_state;

-- The deadline scan (overdue first), conveyor.saga.stuck and .failing, GET /actuator/sagas.
CREATE INDEX orders_deadline_idx ON orders (deadline) WHERE deadline IS NOT NULL;
CREATE INDEX orders_stuck_idx ON orders (stuck_since) WHERE stuck_since IS NOT NULL;
CREATE INDEX orders_failing_idx ON orders (id) WHERE failures > 0;
