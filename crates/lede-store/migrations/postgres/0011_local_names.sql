-- Names per language: what sections, tags and authors are called in the site's other
-- languages. The columns of `sections`, `tags` and `authors` stay the default language's; a
-- row here gives another language's, and an empty field (or no row) falls back to them.
CREATE TABLE section_names (
    section_id  BIGINT NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    language    TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (section_id, language)
);

CREATE TABLE tag_names (
    tag_id   BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (tag_id, language)
);

-- An author's public profile (the byline's name, the author box's bio) in another language.
CREATE TABLE author_profiles (
    author_id BIGINT NOT NULL REFERENCES authors (id) ON DELETE CASCADE,
    language  TEXT NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    bio       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (author_id, language)
);
