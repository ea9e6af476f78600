-- Static pages written in the newsroom: a page is a draft (answered 404) until published, may
-- be written in one of the site's languages (NULL: the default), and keeps every saved
-- version in `page_revisions`, as articles keep theirs in `revisions`.
ALTER TABLE pages ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
    CHECK (status IN ('draft', 'published'));
ALTER TABLE pages ADD COLUMN language TEXT;

CREATE TABLE page_revisions (
    id            INTEGER PRIMARY KEY,
    page_id       BIGINT NOT NULL REFERENCES pages (id) ON DELETE CASCADE,
    version       BIGINT NOT NULL,
    saved_at      BIGINT NOT NULL,
    saved_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    slug          TEXT NOT NULL,
    title         TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    UNIQUE (page_id, version)
);

-- The header and footer menus, one of each per language once an admin saved it; without a
-- row here, the site shows its default (the sections in the header, the pages in the footer).
CREATE TABLE menus (
    name     TEXT NOT NULL CHECK (name IN ('header', 'footer')),
    language TEXT NOT NULL,
    saved_at BIGINT NOT NULL,
    PRIMARY KEY (name, language)
);

-- A menu's links in order: a section or a page by slug (named in the menu's language unless
-- the label says otherwise), or an external link with its label.
CREATE TABLE menu_items (
    menu     TEXT NOT NULL,
    language TEXT NOT NULL,
    position BIGINT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('section', 'page', 'link')),
    target   TEXT NOT NULL,
    label    TEXT NOT NULL,
    PRIMARY KEY (menu, language, position),
    FOREIGN KEY (menu, language) REFERENCES menus (name, language) ON DELETE CASCADE
);
