-- The relay deletes outbox rows once Kafka has acknowledged them (one statement per batch) instead of marking them
-- published and purging them later: a row is written once, at its insert, and the table holds only the rows still to
-- send, parked and discarded rows, and rows marked published by an earlier release (purged after their retention).
-- The relay reads by position through the unique index on position; the index of unpublished rows only doubled it,
-- at the cost of one more index entry per insert.
DROP INDEX IF EXISTS outbox_unpublished_idx;

-- A queue table: rows are deleted soon after they are inserted. Vacuum it after a fixed number of dead rows, not a
-- fraction of a table that is nearly empty, so that the index the relay scans does not fill with dead entries.
ALTER TABLE outbox SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
                        autovacuum_vacuum_cost_delay = 0);
