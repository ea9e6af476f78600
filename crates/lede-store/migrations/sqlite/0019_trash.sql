-- The trash: a trashed article is a draft with the time it was trashed and the status it had,
-- kept whole (revisions, comments, tags, notes) until it is restored or deleted for good.
ALTER TABLE articles ADD COLUMN trashed_at BIGINT;
ALTER TABLE articles ADD COLUMN trashed_from TEXT;
CREATE INDEX articles_trashed ON articles (trashed_at);
