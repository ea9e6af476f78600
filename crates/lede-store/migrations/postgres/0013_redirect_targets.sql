-- A new redirect re-points the ones that led to its old address (`UPDATE … WHERE to_path`):
-- without an index that scanned every redirect for each one written, so an import of N posts
-- with their old permalinks took time in N².
CREATE INDEX redirects_to_path ON redirects (to_path);

-- An article that leaves public view leaves every related list (`DELETE … WHERE
-- related_id`): by index, not by scanning every list.
CREATE INDEX related_articles_by_related ON related_articles (related_id);
