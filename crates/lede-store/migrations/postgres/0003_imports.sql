-- Where imported content came from: one row per item of another system (a WordPress post,
-- category, author or comment) and the row it became here. Importing the same export again
-- finds its items here and leaves them alone; local ids are not foreign keys because they
-- point into several tables, and an item deleted after its import stays deleted.
CREATE TABLE import_refs (
    source      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('author', 'section', 'tag', 'article', 'page', 'comment')),
    foreign_id  TEXT NOT NULL,
    local_id    BIGINT NOT NULL,
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (source, kind, foreign_id)
);
