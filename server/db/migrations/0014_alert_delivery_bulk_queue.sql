-- Queueing an alert to a whole region writes 200 000+ deliveries in one transaction. The checks
-- of the subscriber and contact keys, a trigger per row, cost more than half of that time (and
-- the embedded database twice the promised 10 s). Deliveries are only written from contacts the
-- same transaction has just selected, and subscribers and contacts are never deleted (they are
-- unsubscribed, stopped or removed in place), so the keys stay right without the checks. The
-- alert key, one parent per send, stays checked.
alter table alert_deliveries drop constraint if exists alert_deliveries_subscriber_id_fkey;
alter table alert_deliveries drop constraint if exists alert_deliveries_contact_id_fkey;
