-- Shipments: one per order, scheduled by the ScheduleShipment command, dispatched and delivered by the warehouse.
-- Address and sku columns are unbounded text: their values come from the command, whose contract sets no length.
CREATE TABLE shipment (
    id              uuid        PRIMARY KEY,
    order_id        uuid        NOT NULL,
    status          varchar(16) NOT NULL,
    recipient_name  text        NOT NULL,
    address_line1   text        NOT NULL,
    address_line2   text,
    city            text        NOT NULL,
    postal_code     text        NOT NULL,
    country         varchar(2)  NOT NULL,
    carrier         varchar(64),
    tracking_number varchar(64),
    scheduled_at    timestamptz NOT NULL,
    dispatched_at   timestamptz,
    delivered_at    timestamptz,
    cancelled_at    timestamptz,
    version         bigint      NOT NULL,
    CONSTRAINT shipment_order_id_key UNIQUE (order_id),
    CONSTRAINT shipment_status_check CHECK (status IN ('SCHEDULED', 'DISPATCHED', 'DELIVERED', 'CANCELLED')),
    CONSTRAINT shipment_dispatch_check CHECK (status NOT IN ('DISPATCHED', 'DELIVERED')
        OR (carrier IS NOT NULL AND tracking_number IS NOT NULL AND dispatched_at IS NOT NULL))
);

-- The lines of a shipment, in the order of the command.
CREATE TABLE shipment_line (
    shipment_id uuid    NOT NULL REFERENCES shipment (id) ON DELETE CASCADE,
    line_no     integer NOT NULL,
    sku         text    NOT NULL,
    quantity    integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, line_no)
);

-- An order whose shipment was cancelled before any was scheduled: a ScheduleShipment arriving later for that
-- order must not create a live shipment.
CREATE TABLE shipment_tombstone (
    order_id     uuid        PRIMARY KEY,
    cancelled_at timestamptz NOT NULL
);
