-- Webhooks: the endpoints admins add, and the queue of deliveries to them (same tables and
-- columns on SQLite and PostgreSQL). A delivery row is written in the same transaction as the
-- change that causes it (a transactional outbox), so a crash cannot lose an event.

-- events: the event names the endpoint asked for, separated by single spaces. secret: the
-- signing secret as shown once (whsec_ and base64); it signs every delivery, so it is kept.
-- failing_since: the first failed attempt since the last success; after a day of failures
-- the endpoint is disabled (enabled = 0, disabled_at set) until an admin enables it again.
CREATE TABLE webhook_endpoints (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL,
    secret        TEXT NOT NULL,
    events        TEXT NOT NULL,
    enabled       BIGINT NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    failing_since BIGINT,
    disabled_at   BIGINT,
    created_at    BIGINT NOT NULL
);

-- One message to one endpoint. message_id is the webhook-id header, the same at every
-- attempt; body is written at the first attempt and sent unchanged at the others. status:
-- pending (next_attempt_at says when), delivered, or failed (given up after a day). A worker
-- claims a due row by setting lease_until; a row whose lease ran out (its worker died) is due
-- again, so every message is delivered at least once. queued_at starts its day of retries
-- ("Send again" starts a new one).
CREATE TABLE webhook_deliveries (
    id              INTEGER PRIMARY KEY,
    endpoint_id     BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    message_id      TEXT NOT NULL,
    event           TEXT NOT NULL,
    article_id      BIGINT,
    comment_id      BIGINT,
    body            TEXT,
    status          TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until     BIGINT,
    queued_at       BIGINT NOT NULL
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_endpoint ON webhook_deliveries (endpoint_id, id);

-- Each attempt, for the delivery log: when, the response's status code (none when no answer
-- came) and what went wrong.
CREATE TABLE webhook_attempts (
    id              INTEGER PRIMARY KEY,
    delivery_id     BIGINT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    attempted_at    BIGINT NOT NULL,
    response_status BIGINT,
    error           TEXT
);
CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, id);
