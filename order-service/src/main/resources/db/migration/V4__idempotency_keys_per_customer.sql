-- An Idempotency-Key belongs to the customer who sent it: two customers may use the same key, each for their own
-- order. Keys already claimed go to the customer of the order they created.
ALTER TABLE idempotency_keys ADD COLUMN customer_id varchar(64);
UPDATE idempotency_keys k SET customer_id = o.customer_id FROM orders o WHERE o.id = k.order_id;
ALTER TABLE idempotency_keys ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (customer_id, idempotency_key);
