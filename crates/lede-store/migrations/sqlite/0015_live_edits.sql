-- Editing a live article: the time an editor asked the byline to say "Updated"; dated
-- corrections and update notes, kept apart from the text so that every later save and every
-- restored revision keeps them; a pending version beside a published article ("Save for
-- later"); each person's autosaved editor (never a revision, never live); and preview links
-- for people without accounts (only a hash of each token is kept).
ALTER TABLE articles ADD COLUMN shown_updated_at BIGINT;

CREATE TABLE article_notes (
    id         INTEGER PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('correction', 'update')),
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- The article's version that added it.
    version    BIGINT NOT NULL
);
CREATE INDEX article_notes_by_article ON article_notes (article_id, created_at);
CREATE INDEX article_notes_by_kind ON article_notes (kind, created_at DESC);

-- The article's fields as the editor left them (JSON), and the version they were based on:
-- "Update" from a stale pending version is refused as a conflict.
CREATE TABLE pending_versions (
    article_id   BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    base_version BIGINT NOT NULL,
    content      TEXT NOT NULL,
    saved_at     BIGINT NOT NULL,
    saved_by     BIGINT REFERENCES users (id) ON DELETE SET NULL
);

-- One slot per person and article; article_key 0 is the person's new, unsaved article.
CREATE TABLE autosaves (
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    article_key BIGINT NOT NULL,
    content     TEXT NOT NULL,
    saved_at    BIGINT NOT NULL,
    PRIMARY KEY (user_id, article_key)
);

CREATE TABLE preview_links (
    id         INTEGER PRIMARY KEY,
    article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    revoked_at BIGINT
);
CREATE INDEX preview_links_by_article ON preview_links (article_id);
