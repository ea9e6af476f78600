-- Full-text search on PostgreSQL: a weighted tsvector per published article (headline A,
-- standfirst, tags and authors B, body C), English stemming for English articles and the
-- 'simple' configuration for other languages, so Urdu or Arabic words are kept whole.
ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT '';

CREATE TABLE article_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    document   TSVECTOR NOT NULL
);
CREATE INDEX article_search_document ON article_search USING GIN (document);
