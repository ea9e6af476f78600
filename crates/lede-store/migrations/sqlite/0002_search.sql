-- Full-text search on SQLite: FTS5 with the Porter stemmer over Unicode word boundaries, so
-- English words match their inflections and Urdu or Arabic words are kept whole. The rowid is
-- the article's id; only published articles are indexed.
ALTER TABLE articles ADD COLUMN body_text TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE article_search USING fts5(
    headline, standfirst, body, tags, authors,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
