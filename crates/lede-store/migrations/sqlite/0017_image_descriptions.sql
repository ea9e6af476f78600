-- Alt text, caption and credit kept with each library image and offered to the articles that
-- show it (each article keeps its own copy); and whether an article's featured image is
-- decorative, shown with alt="" and published without alt text.
ALTER TABLE media ADD COLUMN alt TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN caption TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN credit TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN image_decorative BIGINT NOT NULL DEFAULT 0
    CHECK (image_decorative IN (0, 1));
