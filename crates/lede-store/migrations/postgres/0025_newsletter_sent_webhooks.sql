-- A `newsletter.sent` delivery names the issue that finished sending; it is queued in the
-- same transaction that marks the issue done (same column on SQLite and PostgreSQL).
ALTER TABLE webhook_deliveries ADD COLUMN issue_id BIGINT;
