-- Webhook deliveries as they arrived, stored before they are answered: the queue consumer
-- applies each to the mirror and sets `applied_at`; the cron queues again any left unapplied.
-- The mirror's own tables (realtimekit_*) are made by the mirror itself, on first use.
CREATE TABLE webhook_inbox (
  delivery_key text PRIMARY KEY,
  body text NOT NULL,
  headers text NOT NULL,
  received_at text NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  applied_at text
);
CREATE INDEX webhook_inbox_unapplied ON webhook_inbox (received_at) WHERE applied_at IS NULL;
