-- Newsletters: readers who subscribed by email (no account), the lists they receive, the
-- issues the newsroom sends and the queue of messages to each subscriber (same tables and
-- columns on SQLite and PostgreSQL).

-- status: pending until the reader follows the confirmation link (nothing but that link is
-- ever sent before), confirmed, or undeliverable once a mail server refused the address for
-- good. source: form or import (with the consent the import stated).
CREATE TABLE subscribers (
    id           INTEGER PRIMARY KEY,
    email        TEXT NOT NULL,
    email_key    TEXT NOT NULL UNIQUE,
    language     TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'confirmed', 'undeliverable')),
    source       TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    confirmed_at BIGINT
);
CREATE INDEX subscribers_created ON subscribers (created_at, id);

-- A subscriber's lists ("daily:en", "breaking:ur", "section:12:en"). A list asked for but not
-- yet confirmed has no confirmed_at: it receives nothing until the reader confirms.
CREATE TABLE subscriptions (
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    list          TEXT NOT NULL,
    confirmed_at  BIGINT,
    PRIMARY KEY (subscriber_id, list)
);
CREATE INDEX subscriptions_list ON subscriptions (list, subscriber_id);

-- Addresses removed (by an admin, or by unsubscribing from every list): only a keyed hash of
-- the address is kept, so that no import or issue ever mails it again.
CREATE TABLE removed_addresses (
    email_hash TEXT PRIMARY KEY,
    removed_at BIGINT NOT NULL
);

-- One email to one list: breaking news (an article), a daily briefing (the articles of a
-- period), or an article sent to a section's list. dedupe_key makes an issue's creation
-- idempotent (a daily briefing is created once a day, whichever server comes first).
-- status: new until its messages are queued (one per confirmed subscriber at that moment),
-- then sending, then done.
CREATE TABLE newsletter_issues (
    id           INTEGER PRIMARY KEY,
    list         TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('breaking', 'daily', 'article')),
    article_id   BIGINT REFERENCES articles (id) ON DELETE SET NULL,
    period_start BIGINT,
    period_end   BIGINT,
    dedupe_key   TEXT NOT NULL UNIQUE,
    status       TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'sending', 'done')),
    unsubscribed BIGINT NOT NULL DEFAULT 0,
    created_by   BIGINT,
    created_at   BIGINT NOT NULL
);
CREATE INDEX newsletter_issues_status ON newsletter_issues (status, id);

-- One message: an issue to a subscriber, at most once (the unique pair). A worker claims a
-- pending row by setting it to sending with a lease, then records sent, pending again (a
-- temporary refusal, next_attempt_at later), failed or undeliverable. A row still sending when
-- its lease ends belonged to a worker that died mid-send: the mail server may have taken it,
-- so it becomes interrupted and is never sent again (at most once, never twice).
CREATE TABLE newsletter_sends (
    id              INTEGER PRIMARY KEY,
    issue_id        BIGINT NOT NULL REFERENCES newsletter_issues (id) ON DELETE CASCADE,
    subscriber_id   BIGINT REFERENCES subscribers (id) ON DELETE SET NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'undeliverable', 'interrupted')),
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until     BIGINT,
    sent_at         BIGINT,
    error           TEXT,
    UNIQUE (issue_id, subscriber_id)
);
CREATE INDEX newsletter_sends_due ON newsletter_sends (status, next_attempt_at);
