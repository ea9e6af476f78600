-- The language of the newsroom's words for each person (a BCP 47 tag the theme ships
-- translations for, such as en or ur); NULL follows the site's default language, whatever
-- it is at the time.
ALTER TABLE users ADD COLUMN interface_language TEXT;
