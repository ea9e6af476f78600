-- The front page's top story and featured articles read newest first from indexes of their
-- own. 0016's partial indexes did not match the statement's `status = 'published'` and order,
-- so SQLite walked every published article by date to find the one pinned (or the few
-- featured): all of them on a site with none. These hold only the pinned and featured rows,
-- in the statement's order, so each part reads a few entries however large the archive.
CREATE INDEX articles_top_story_by_date
    ON articles (status, published_at DESC, id DESC) WHERE top_story = 1;
CREATE INDEX articles_featured_by_date
    ON articles (status, published_at DESC, id DESC) WHERE featured = 1;
-- Replaced by articles_featured_by_date (no query was planned with it). 0016's
-- articles_top_story stays: the article writer unpins a language's top story by it.
DROP INDEX articles_featured;
