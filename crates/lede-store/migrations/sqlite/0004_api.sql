-- The content API on SQLite: partner-only articles and partners' API keys (same tables and
-- columns as on PostgreSQL).

-- 1 for an article only syndication partners with an API key may read. A 0/1 BIGINT rather
-- than BOOLEAN: sqlx's Any driver reads the same type from both databases, as with times.
ALTER TABLE articles ADD COLUMN partner_only BIGINT NOT NULL DEFAULT 0
    CHECK (partner_only IN (0, 1));

-- A key is never stored, only its SHA-256 (keys are 256 random bits, so a fast hash is safe)
-- and its first characters, for operators to tell keys apart.
CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    partner    TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    hint       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
