-- Translations: an article may be the translation of another (its original, never itself a
-- translation), so the pages of a translated story can link each other by language.
ALTER TABLE articles ADD COLUMN translation_of BIGINT REFERENCES articles(id) ON DELETE SET NULL;
CREATE INDEX articles_translation_of ON articles (translation_of);
