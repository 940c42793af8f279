-- Every article's outlet exists.
-- Offending rows: one per article whose outlet_id names no outlet.
SELECT article_id, outlet_id
FROM articles
WHERE outlet_id NOT IN (SELECT outlet_id FROM outlets)
ORDER BY article_id
