-- An edition's lists read its own language's articles newest first. With only the date index
-- (status, published_at), a list in a language with few articles among many in another walked
-- the other language's articles newest first until it found a page of its own: on a site of
-- 100,000 English articles and 200 older Urdu ones, every Urdu list (home page, sections,
-- feeds, counts) read some 90,000 rows. These lead with the language, in the lists' order.
CREATE INDEX articles_by_language_date
    ON articles (language, status, published_at DESC, id DESC);
-- An edition's top story and featured articles, as 0024's for a site of one language: with
-- only those, the index above would be chosen for them too, and an edition with nothing
-- pinned would walk its whole language to find none.
CREATE INDEX articles_top_story_by_language_date
    ON articles (language, status, published_at DESC, id DESC) WHERE top_story = 1;
CREATE INDEX articles_featured_by_language_date
    ON articles (language, status, published_at DESC, id DESC) WHERE featured = 1;
-- Replaced by articles_top_story_by_language_date, which leads with the same column under
-- the same condition: the article writer unpins a language's top story by it.
DROP INDEX articles_top_story;
