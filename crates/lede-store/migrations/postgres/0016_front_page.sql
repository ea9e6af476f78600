-- The front page and sharing. An editor pins an article as its edition's top story (one per
-- language, kept so by the article writer) or features it; search engines and social
-- networks may be told a title, description and image of its own. Empty texts and a NULL
-- image fall back to the headline, standfirst and featured image.
ALTER TABLE articles ADD COLUMN top_story BIGINT NOT NULL DEFAULT 0 CHECK (top_story IN (0, 1));
ALTER TABLE articles ADD COLUMN featured BIGINT NOT NULL DEFAULT 0 CHECK (featured IN (0, 1));
ALTER TABLE articles ADD COLUMN seo_title TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN meta_description TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN social_image TEXT;

-- The front page reads its top story and featured articles by these, not by scanning every
-- article: few are ever pinned or featured.
CREATE INDEX articles_top_story ON articles (language) WHERE top_story = 1;
CREATE INDEX articles_featured ON articles (published_at) WHERE featured = 1;

-- A banner over every page of one edition until it expires.
CREATE TABLE breaking_news (
    language   TEXT PRIMARY KEY,
    text       TEXT NOT NULL,
    link       TEXT,
    expires_at BIGINT NOT NULL,
    set_at     BIGINT NOT NULL,
    set_by     BIGINT REFERENCES users (id) ON DELETE SET NULL
);
