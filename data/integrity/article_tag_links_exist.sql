-- Every article_tags row's article and tag exist.
-- Offending rows: one per link whose article_id or tag_id names nothing.
SELECT article_id, tag_id
FROM article_tags
WHERE article_id NOT IN (SELECT article_id FROM articles)
   OR tag_id NOT IN (SELECT tag_id FROM tags)
ORDER BY article_id, tag_id
