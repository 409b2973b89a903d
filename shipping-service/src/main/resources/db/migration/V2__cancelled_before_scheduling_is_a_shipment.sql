-- A cancellation that comes before any shipment was scheduled is kept as a shipment created CANCELLED, with no
-- address, no lines and no scheduled_at, instead of a separate tombstone table: one way, in every service, to remember
-- "cancelled before it existed".
ALTER TABLE shipment
    ALTER COLUMN recipient_name DROP NOT NULL,
    ALTER COLUMN address_line1 DROP NOT NULL,
    ALTER COLUMN city DROP NOT NULL,
    ALTER COLUMN postal_code DROP NOT NULL,
    ALTER COLUMN country DROP NOT NULL,
    ALTER COLUMN scheduled_at DROP NOT NULL,
    ADD CONSTRAINT shipment_scheduled_check CHECK (
        (scheduled_at IS NOT NULL AND recipient_name IS NOT NULL AND address_line1 IS NOT NULL AND city IS NOT NULL
            AND postal_code IS NOT NULL AND country IS NOT NULL)
        OR (scheduled_at IS NULL AND status = 'CANCELLED' AND cancelled_at IS NOT NULL
            AND recipient_name IS NULL AND address_line1 IS NULL AND address_line2 IS NULL AND city IS NULL
            AND postal_code IS NULL AND country IS NULL));

-- The tombstones recorded so far become such shipments; an order that somehow has both keeps its shipment.
INSERT INTO shipment (id, order_id, status, cancelled_at, version)
SELECT gen_random_uuid(), t.order_id, 'CANCELLED', t.cancelled_at, 0
FROM shipment_tombstone t
WHERE NOT EXISTS (SELECT 1 FROM shipment s WHERE s.order_id = t.order_id);

DROP TABLE shipment_tombstone;
