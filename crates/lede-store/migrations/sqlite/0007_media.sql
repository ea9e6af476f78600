-- The media library: uploaded images, re-encoded without metadata, with resized variants
-- beside them on disk (`path` is the full-size file's public path; `widths` lists the variants).
CREATE TABLE media (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    mime          TEXT NOT NULL,
    width         BIGINT NOT NULL,
    height        BIGINT NOT NULL,
    widths        TEXT NOT NULL,
    bytes         BIGINT NOT NULL,
    uploaded_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at    BIGINT NOT NULL
);
