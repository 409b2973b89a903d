-- The order in which effects were applied, to check the order per key end to end.
ALTER TABLE ledger ADD COLUMN position bigint GENERATED ALWAYS AS IDENTITY;
