-- The editor: a version per article so two people cannot silently overwrite each other, and
-- a revision kept for every save.
ALTER TABLE articles ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TABLE revisions (
    id            INTEGER PRIMARY KEY,
    article_id    BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version       BIGINT NOT NULL,
    saved_at      BIGINT NOT NULL,
    saved_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    headline      TEXT NOT NULL,
    standfirst    TEXT NOT NULL,
    body_markdown TEXT NOT NULL
);
CREATE INDEX revisions_by_article ON revisions (article_id, version);
